// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Test} from "forge-std/Test.sol";
import {Vm} from "forge-std/Vm.sol";
import {ZkllmRegistry} from "../src/ZkllmRegistry.sol";

/// Drives the registry with valid calls from a few actors (including two-step transfers and
/// copies of anchored proofs under other versions, the front-run of issue 16), and with attacks
/// (non-owner writes, accepts by anyone but the pending owner, proofs on revoked versions,
/// duplicate or malformed records) whose success is recorded as a violation. It keeps two shadow copies of the state: one from what it asked the contract to
/// write ("expected"), one rebuilt only from the contract's events ("replayed").
contract RegistryHandler is Test {
    ZkllmRegistry public immutable reg;
    address[3] internal actors = [address(0xA11CE), address(0xB0B), address(0xCA11)];

    // Record counts stay small so that invariant checks (which loop) stay fast.
    uint256 internal constant MAX_MODELS = 3;
    uint256 internal constant MAX_VERSIONS = 6;
    uint256 internal constant MAX_PROOFS = 8;
    uint256 internal constant MAX_ATTESTATIONS = 8;

    struct Ver {
        bytes32 modelKey;
        uint32 number;
        bool revoked;
        uint64 blockNumber;
        uint64 revokedBlock;
        address publisher;
        bytes32 modelId;
        bytes32 specHash;
        bytes32 commitmentDigest;
        bytes32 sourceDigest;
        string commitmentCid;
        string metadataUri;
    }

    struct VersionData {
        uint32 number;
        bytes32 specHash;
        bytes32 commitmentDigest;
        bytes32 sourceDigest;
        string commitmentCid;
        string metadataUri;
    }

    struct Prf {
        bytes32 versionId;
        bytes32 statementDigest;
        bytes32 proofDigest;
        address submitter;
        uint64 blockNumber;
        string proofCid;
    }

    struct Att {
        uint8 response;
        uint64 blockNumber;
        bytes32 responseHash;
        bytes32 tag;
        string responseUri;
    }

    bytes32[] public modelKeys;
    bytes32[] public versionIds;
    bytes32[] public proofKeys;
    bytes32[] public attestationKeys; // keccak(proof key, validator)

    mapping(bytes32 => address) public expectedOwner;
    mapping(bytes32 => address) public expectedPending;
    mapping(bytes32 => uint32) public expectedVersionCount;
    mapping(bytes32 => Ver) internal expectedVersion;
    mapping(bytes32 => Prf) internal expectedProof;
    mapping(bytes32 => Att) internal expectedAtt;
    mapping(bytes32 => bytes32) public attProof;
    mapping(bytes32 => address) public attValidator;

    // Rebuilt from events only.
    uint256 public replayedModels;
    uint256 public replayedVersions;
    uint256 public replayedProofs;
    uint256 public replayedAttestations;
    mapping(bytes32 => address) public replayedOwner;
    mapping(bytes32 => address) public replayedPending;
    mapping(bytes32 => uint32) public replayedVersionCount;
    mapping(bytes32 => Ver) internal replayedVersion;
    mapping(bytes32 => Prf) internal replayedProof;
    mapping(bytes32 => Att) internal replayedAtt;

    /// Number of attacks the contract wrongly accepted; must stay 0.
    uint256 public violations;
    uint256 public attacks;

    uint256 internal nonce;

    constructor(ZkllmRegistry r) {
        reg = r;
    }

    function actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    function fresh(string memory what) internal returns (bytes32) {
        nonce++;
        return keccak256(abi.encode(what, nonce, block.number));
    }

    function cid(uint256 seed) internal pure returns (string memory) {
        bytes memory b = new bytes(1 + seed % 128);
        for (uint256 i; i < b.length; i++) {
            b[i] = bytes1(uint8(97 + (seed >> (i % 64)) % 26));
        }
        return string(b);
    }

    function input(uint256 seed) internal returns (ZkllmRegistry.VersionInput memory v) {
        v.modelId = fresh("model");
        v.specHash = fresh("spec");
        v.commitmentDigest = fresh("commitment");
        v.sourceDigest = fresh("source");
        v.commitmentCid = cid(seed);
        v.metadataUri = seed % 3 == 0 ? "" : "ipfs://meta";
    }

    function expectVersion(bytes32 versionId, bytes32 modelKey, ZkllmRegistry.VersionInput memory v) internal {
        uint32 n = ++expectedVersionCount[modelKey];
        expectedVersion[versionId] = Ver(
            modelKey,
            n,
            false,
            uint64(block.number),
            0,
            expectedOwner[modelKey],
            v.modelId,
            v.specHash,
            v.commitmentDigest,
            v.sourceDigest,
            v.commitmentCid,
            v.metadataUri
        );
        versionIds.push(versionId);
        expectedHash[versionId] = keccak256(abi.encode(expectedVersion[versionId]));
    }

    // ---- honest actions --------------------------------------------------------------------

    function registerModel(uint256 who, uint256 seed, uint8 blocks) external {
        if (modelKeys.length >= MAX_MODELS || versionIds.length >= MAX_VERSIONS) return;
        vm.roll(block.number + blocks % 4);
        address a = actor(who);
        bytes32 salt = fresh("salt");
        ZkllmRegistry.VersionInput memory v = input(seed);
        vm.recordLogs();
        vm.prank(a);
        (bytes32 modelKey, bytes32 versionId) = reg.registerModel(salt, v);
        replay();
        modelKeys.push(modelKey);
        expectedOwner[modelKey] = a;
        expectVersion(versionId, modelKey, v);
    }

    function publishVersion(uint256 modelSeed, uint256 seed) external {
        if (modelKeys.length == 0 || versionIds.length >= MAX_VERSIONS) return;
        bytes32 modelKey = modelKeys[modelSeed % modelKeys.length];
        ZkllmRegistry.VersionInput memory v = input(seed);
        vm.recordLogs();
        vm.prank(expectedOwner[modelKey]);
        bytes32 versionId = reg.publishVersion(modelKey, v);
        replay();
        expectVersion(versionId, modelKey, v);
    }

    /// Step one of a transfer (to another actor, or to address(0): a cancel).
    function startTransfer(uint256 modelSeed, uint256 to, bool cancel) external {
        if (modelKeys.length == 0) return;
        bytes32 modelKey = modelKeys[modelSeed % modelKeys.length];
        address owner = expectedOwner[modelKey];
        address next = actor(to);
        if (next == owner) next = actor(to % actors.length + 1);
        if (cancel) next = address(0);
        vm.recordLogs();
        vm.prank(owner);
        reg.transferModelOwnership(modelKey, next);
        replay();
        expectedPending[modelKey] = next;
    }

    /// Step two: the pending owner accepts.
    function acceptTransfer(uint256 modelSeed) external {
        if (modelKeys.length == 0) return;
        bytes32 modelKey = modelKeys[modelSeed % modelKeys.length];
        address pending = expectedPending[modelKey];
        if (pending == address(0)) return;
        vm.recordLogs();
        vm.prank(pending);
        reg.acceptModelOwnership(modelKey);
        replay();
        expectedOwner[modelKey] = pending;
        expectedPending[modelKey] = address(0);
    }

    function revokeVersion(uint256 versionSeed) external {
        if (versionIds.length == 0) return;
        bytes32 versionId = versionIds[versionSeed % versionIds.length];
        Ver storage ev = expectedVersion[versionId];
        if (ev.revoked) return;
        vm.recordLogs();
        vm.prank(expectedOwner[ev.modelKey]);
        reg.revokeVersion(versionId);
        replay();
        ev.revoked = true;
        ev.revokedBlock = uint64(block.number);
        expectedHash[versionId] = keccak256(abi.encode(ev));
    }

    function anchorProof(uint256 who, uint256 versionSeed, uint256 seed) external {
        if (versionIds.length == 0) return;
        anchorAs(actor(who), versionIds[versionSeed % versionIds.length], fresh("statement"), fresh("proof"), seed);
    }

    /// The front-run of issue 16 as an honest-looking action: the same proof and statement
    /// digests as an anchored proof, under another live version. It must succeed as its own
    /// record and leave the original untouched (checked by the invariant).
    function copyProof(uint256 who, uint256 proofSeed, uint256 versionSeed) external {
        if (proofKeys.length == 0 || versionIds.length == 0) return;
        Prf storage orig = expectedProof[proofKeys[proofSeed % proofKeys.length]];
        bytes32 versionId = versionIds[versionSeed % versionIds.length];
        if (versionId == orig.versionId) return;
        anchorAs(actor(who), versionId, orig.statementDigest, orig.proofDigest, versionSeed);
    }

    function anchorAs(address a, bytes32 versionId, bytes32 statement, bytes32 digest, uint256 seed) internal {
        if (proofKeys.length >= MAX_PROOFS || expectedVersion[versionId].revoked) return;
        if (expectedProof[reg.proofKeyOf(versionId, statement, digest)].submitter != address(0)) return; // a duplicate
        string memory c = cid(seed);
        vm.recordLogs();
        vm.prank(a);
        bytes32 key = reg.anchorProof(versionId, statement, digest, c);
        replay();
        proofKeys.push(key);
        expectedProof[key] = Prf(versionId, statement, digest, a, uint64(block.number), c);
        expectedHash[key] = keccak256(abi.encode(expectedProof[key]));
    }

    function attest(uint256 who, uint256 proofSeed, bool valid) external {
        if (proofKeys.length == 0 || attestationKeys.length >= MAX_ATTESTATIONS) return;
        bytes32 digest = proofKeys[proofSeed % proofKeys.length];
        address a = actor(who);
        bytes32 key = keccak256(abi.encode(digest, a));
        if (attValidator[key] != address(0)) return;
        uint8 response = valid ? 100 : 0;
        bytes32 rh = fresh("report");
        vm.recordLogs();
        vm.prank(a);
        reg.validationResponse(digest, response, "ipfs://report", rh, bytes32("zkllm"));
        replay();
        attestationKeys.push(key);
        attProof[key] = digest;
        attValidator[key] = a;
        expectedAtt[key] = Att(response, uint64(block.number), rh, bytes32("zkllm"), "ipfs://report");
        expectedHash[key] = keccak256(abi.encode(expectedAtt[key]));
    }

    // ---- attacks: each must revert -----------------------------------------------------------

    function attempt(address from, bytes memory call) internal {
        attacks++;
        vm.prank(from);
        (bool ok,) = address(reg).call(call);
        if (ok) violations++;
    }

    function attackAsNonOwner(uint256 modelSeed, uint256 who, uint8 kind) external {
        if (modelKeys.length == 0) return;
        bytes32 modelKey = modelKeys[modelSeed % modelKeys.length];
        address a = actor(who);
        if (a == expectedOwner[modelKey]) a = actor(who % actors.length + 1);
        if (kind % 4 == 3) {
            // accepting a transfer one was not offered (a is never the owner; skip the pending one)
            if (a != expectedPending[modelKey]) {
                attempt(a, abi.encodeCall(ZkllmRegistry.acceptModelOwnership, (modelKey)));
            }
        } else if (kind % 3 == 0) {
            attempt(a, abi.encodeCall(ZkllmRegistry.transferModelOwnership, (modelKey, a)));
        } else if (kind % 3 == 1) {
            attempt(a, abi.encodeCall(ZkllmRegistry.publishVersion, (modelKey, input(kind))));
        } else {
            attempt(a, abi.encodeCall(ZkllmRegistry.revokeVersion, (reg.versionIdOf(modelKey, 1))));
        }
    }

    function attackRevokedOrUnknownVersion(uint256 versionSeed, bool unknown) external {
        bytes32 versionId;
        if (unknown || versionIds.length == 0) {
            versionId = fresh("no-such-version");
        } else {
            versionId = versionIds[versionSeed % versionIds.length];
            if (!expectedVersion[versionId].revoked) return;
        }
        attempt(
            actors[0],
            abi.encodeCall(ZkllmRegistry.anchorProof, (versionId, fresh("s"), fresh("p"), "bafkrei"))
        );
    }

    function attackDuplicates(uint256 seed, uint256 who) external {
        if (proofKeys.length > 0) {
            // the same claim (version, statement, proof) twice, by anyone
            Prf storage p = expectedProof[proofKeys[seed % proofKeys.length]];
            attempt(
                actor(who), abi.encodeCall(ZkllmRegistry.anchorProof, (p.versionId, p.statementDigest, p.proofDigest, "x"))
            );
        }
        if (attestationKeys.length > 0) {
            bytes32 key = attestationKeys[seed % attestationKeys.length];
            attempt(
                attValidator[key],
                abi.encodeCall(ZkllmRegistry.validationResponse, (attProof[key], 0, "ipfs://again", 0, 0))
            );
        }
        if (modelKeys.length > 0) {
            // Re-registering with the salt of an existing model: the key is taken.
            bytes32 modelKey = modelKeys[seed % modelKeys.length];
            (bool found, address registrant, bytes32 salt) = registrationOf(modelKey);
            if (found) {
                attempt(registrant, abi.encodeCall(ZkllmRegistry.registerModel, (salt, input(seed))));
            }
        }
    }

    function attackMalformed(uint256 seed, uint8 field) external {
        ZkllmRegistry.VersionInput memory v = input(seed);
        uint8 f = field % 6;
        if (f == 0) v.modelId = 0;
        if (f == 1) v.specHash = 0;
        if (f == 2) v.commitmentDigest = 0;
        if (f == 3) v.sourceDigest = 0;
        if (f == 4) v.commitmentCid = "";
        if (f == 5) v.commitmentCid = string(new bytes(129));
        attempt(actor(seed), abi.encodeCall(ZkllmRegistry.registerModel, (fresh("salt"), v)));
        if (versionIds.length > 0) {
            bytes32 versionId = versionIds[seed % versionIds.length];
            bytes32 s = f == 0 ? bytes32(0) : fresh("s");
            bytes32 d = f == 1 ? bytes32(0) : fresh("p");
            string memory c = (f == 2 || f == 4) ? "" : (f == 3 || f == 5) ? string(new bytes(200)) : "ok";
            attempt(actor(seed), abi.encodeCall(ZkllmRegistry.anchorProof, (versionId, s, d, c)));
        }
    }

    // Salt and registrant of a model, from the replayed ModelRegistered events.
    mapping(bytes32 => address) internal registrantOf;
    mapping(bytes32 => bytes32) internal saltOf;

    function registrationOf(bytes32 modelKey) internal view returns (bool, address, bytes32) {
        return (registrantOf[modelKey] != address(0), registrantOf[modelKey], saltOf[modelKey]);
    }

    // ---- event replay ------------------------------------------------------------------------

    function replay() internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; i++) {
            Vm.Log memory l = logs[i];
            if (l.emitter != address(reg)) continue;
            bytes32 sig = l.topics[0];
            if (sig == ZkllmRegistry.ModelRegistered.selector) {
                bytes32 modelKey = l.topics[1];
                address owner = address(uint160(uint256(l.topics[2])));
                replayedOwner[modelKey] = owner;
                registrantOf[modelKey] = owner;
                saltOf[modelKey] = abi.decode(l.data, (bytes32));
                replayedModels++;
            } else if (sig == ZkllmRegistry.ModelOwnershipTransferStarted.selector) {
                replayedPending[l.topics[1]] = address(uint160(uint256(l.topics[3])));
            } else if (sig == ZkllmRegistry.ModelOwnershipTransferred.selector) {
                replayedOwner[l.topics[1]] = address(uint160(uint256(l.topics[3])));
                replayedPending[l.topics[1]] = address(0);
            } else if (sig == ZkllmRegistry.VersionPublished.selector) {
                // The event's non-indexed fields encode exactly like one VersionData tuple
                // behind its head offset (0x20).
                VersionData memory d = abi.decode(abi.encodePacked(uint256(0x20), l.data), (VersionData));
                Ver storage r = replayedVersion[l.topics[1]];
                r.modelKey = l.topics[2];
                r.modelId = l.topics[3];
                r.blockNumber = uint64(block.number);
                r.publisher = replayedOwner[r.modelKey]; // only the owner of the moment publishes
                r.number = d.number;
                r.specHash = d.specHash;
                r.commitmentDigest = d.commitmentDigest;
                r.sourceDigest = d.sourceDigest;
                r.commitmentCid = d.commitmentCid;
                r.metadataUri = d.metadataUri;
                replayedVersionCount[r.modelKey]++;
                replayedHash[l.topics[1]] = keccak256(abi.encode(r));
                replayedVersions++;
            } else if (sig == ZkllmRegistry.VersionRevoked.selector) {
                replayedVersion[l.topics[1]].revoked = true;
                replayedVersion[l.topics[1]].revokedBlock = uint64(block.number);
                replayedHash[l.topics[1]] = keccak256(abi.encode(replayedVersion[l.topics[1]]));
            } else if (sig == ZkllmRegistry.ProofAnchored.selector) {
                Prf storage p = replayedProof[l.topics[1]];
                p.versionId = l.topics[2];
                p.submitter = address(uint160(uint256(l.topics[3])));
                p.blockNumber = uint64(block.number);
                (p.statementDigest, p.proofDigest, p.proofCid) = abi.decode(l.data, (bytes32, bytes32, string));
                assertEq(l.topics[1], keccak256(abi.encode(p.versionId, p.statementDigest, p.proofDigest)));
                replayedHash[l.topics[1]] = keccak256(abi.encode(p));
                replayedProofs++;
            } else if (sig == ZkllmRegistry.ValidationResponse.selector) {
                address validator = address(uint160(uint256(l.topics[1])));
                bytes32 key = keccak256(abi.encode(l.topics[3], validator));
                Att storage a = replayedAtt[key];
                a.blockNumber = uint64(block.number);
                (a.response, a.responseUri, a.responseHash, a.tag) =
                    abi.decode(l.data, (uint8, string, bytes32, bytes32));
                replayedHash[key] = keccak256(abi.encode(a));
                replayedAttestations++;
            } else {
                revert("unknown event");
            }
        }
    }

    // ---- views for the invariants ------------------------------------------------------------

    function counts() external view returns (uint256, uint256, uint256, uint256) {
        return (modelKeys.length, versionIds.length, proofKeys.length, attestationKeys.length);
    }

    // Digests of the shadow records (laid out exactly like the registry's structs), kept up to
    // date on every write, so the invariant compares one stored hash per record: that keeps the
    // 65k checked calls of the CI campaign affordable.
    mapping(bytes32 id => bytes32) public expectedHash;
    mapping(bytes32 id => bytes32) public replayedHash;
}

contract ZkllmRegistryInvariantTest is Test {
    ZkllmRegistry reg;
    RegistryHandler handler;

    function setUp() public {
        reg = new ZkllmRegistry();
        handler = new RegistryHandler(reg);
        targetContract(address(handler));
    }

    /// One campaign checks every property after every call (each invariant_ function would run
    /// its own 256 x 256 campaign). The properties:
    /// - no attack succeeded (non-owner write, accept by anyone but the pending owner, proof on a
    ///   revoked or unknown version, duplicate claim or attestation, taken model key, zero
    ///   digest, empty or oversize CID);
    /// - a proof record is keyed by its claim (version, statement, proof digest), so copies of a
    ///   proof under other versions never change the original record;
    /// - every version records the owner of the moment as its publisher, and a revoked version
    ///   its revocation block;
    /// - storage equals what was written (records never change; owners change only through
    ///   the owner's transfers; versions only get revoked by their owner) and equals the state
    ///   rebuilt from events alone;
    /// - every proof references a registered version published no later than the proof, and
    ///   no stored record has a zero digest or an empty or oversize CID.
    function invariant_Registry() public view {
        assertEq(handler.violations(), 0, "an attack succeeded");
        (uint256 nModels, uint256 nVersions, uint256 nProofs, uint256 nAtts) = handler.counts();
        assertEq(handler.replayedModels(), nModels);
        assertEq(handler.replayedVersions(), nVersions);
        assertEq(handler.replayedProofs(), nProofs);
        assertEq(handler.replayedAttestations(), nAtts);
        uint256 maxCid = reg.MAX_CID_LENGTH();

        for (uint256 i; i < nModels; i++) {
            bytes32 k = handler.modelKeys(i);
            ZkllmRegistry.Model memory m = reg.getModel(k);
            assertEq(m.owner, handler.expectedOwner(k));
            assertEq(m.owner, handler.replayedOwner(k));
            assertEq(m.pendingOwner, handler.expectedPending(k));
            assertEq(m.pendingOwner, handler.replayedPending(k));
            assertEq(m.versionCount, handler.expectedVersionCount(k));
            assertEq(m.versionCount, handler.replayedVersionCount(k));
        }
        for (uint256 i; i < nVersions; i++) {
            bytes32 id = handler.versionIds(i);
            ZkllmRegistry.Version memory v = reg.getVersion(id);
            bytes32 h = keccak256(abi.encode(v));
            assertEq(h, handler.expectedHash(id), "version differs from what was written");
            assertEq(h, handler.replayedHash(id), "version differs from its events");
            assertTrue(v.modelId != 0 && v.specHash != 0 && v.commitmentDigest != 0 && v.sourceDigest != 0);
            assertGt(bytes(v.commitmentCid).length, 0);
            assertLe(bytes(v.commitmentCid).length, maxCid);
            assertTrue(handler.expectedOwner(v.modelKey) != address(0), "version of an unregistered model");
            assertEq(v.revoked, v.revokedBlock != 0);
            assertTrue(v.publisher != address(0));
        }
        for (uint256 i; i < nProofs; i++) {
            bytes32 d = handler.proofKeys(i);
            ZkllmRegistry.Proof memory p = reg.getProof(d);
            assertEq(d, reg.proofKeyOf(p.versionId, p.statementDigest, p.proofDigest));
            bytes32 h = keccak256(abi.encode(p));
            assertEq(h, handler.expectedHash(d), "proof differs from what was written");
            assertEq(h, handler.replayedHash(d), "proof differs from its events");
            assertTrue(p.statementDigest != 0);
            assertGt(bytes(p.proofCid).length, 0);
            assertLe(bytes(p.proofCid).length, maxCid);
            // reverts (fails the invariant) when the version is unknown to the registry
            assertLe(reg.getVersion(p.versionId).blockNumber, p.blockNumber);
        }
        for (uint256 i; i < nAtts; i++) {
            bytes32 key = handler.attestationKeys(i);
            bytes32 h = keccak256(abi.encode(reg.getAttestation(handler.attProof(key), handler.attValidator(key))));
            assertEq(h, handler.expectedHash(key), "attestation differs from what was written");
            assertEq(h, handler.replayedHash(key), "attestation differs from its events");
        }
    }
}
