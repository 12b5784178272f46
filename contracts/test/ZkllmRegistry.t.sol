// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Test} from "forge-std/Test.sol";
import {ZkllmRegistry} from "../src/ZkllmRegistry.sol";

/// Unit and fuzz tests: every function, every revert, every event.
contract ZkllmRegistryTest is Test {
    ZkllmRegistry reg;
    address alice = makeAddr("alice");
    address bob = makeAddr("bob");
    address auditor = makeAddr("auditor");

    bytes32 constant SALT = keccak256("llama-tiny");
    string constant CID = "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
    string constant PROOF_CID = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";

    function setUp() public {
        reg = new ZkllmRegistry();
        vm.roll(100);
    }

    function input(uint256 seed) internal pure returns (ZkllmRegistry.VersionInput memory v) {
        v.modelId = keccak256(abi.encode("model", seed));
        v.specHash = keccak256(abi.encode("spec", seed));
        v.commitmentDigest = keccak256(abi.encode("commitment", seed));
        v.sourceDigest = keccak256(abi.encode("source", seed));
        v.commitmentCid = CID;
        v.metadataUri = "ipfs://meta";
    }

    function registered() internal returns (bytes32 modelKey, bytes32 versionId) {
        vm.prank(alice);
        (modelKey, versionId) = reg.registerModel(SALT, input(1));
    }

    /// Registers alice's model and anchors a proof about it; returns the version and proof key.
    function anchored() internal returns (bytes32 versionId, bytes32 proofKey) {
        (, versionId) = registered();
        vm.prank(bob);
        proofKey = reg.anchorProof(versionId, keccak256("statement"), keccak256("proof"), PROOF_CID);
    }

    /// Moves modelKey from its owner `from` to `to` in the two steps.
    function transferred(bytes32 modelKey, address from, address to) internal {
        vm.prank(from);
        reg.transferModelOwnership(modelKey, to);
        vm.prank(to);
        reg.acceptModelOwnership(modelKey);
    }

    /// n copies of c, written a word at a time (keeps 5,000-run fuzzing cheap).
    function repeat(bytes1 c, uint256 n) internal pure returns (string memory) {
        bytes memory b = new bytes(n);
        bytes32 word = bytes32(uint256(uint8(c)) * (type(uint256).max / 0xff));
        for (uint256 i; i < n; i += 32) {
            assembly {
                mstore(add(add(b, 32), i), word)
            }
        }
        assembly {
            mstore(add(add(b, 32), n), 0) // clean the padding after the last byte
        }
        return string(b);
    }

    // ---- registerModel -----------------------------------------------------------------------

    function test_RegisterModel_StoresEverythingAndEmits() public {
        bytes32 wantKey = keccak256(abi.encode(alice, SALT));
        bytes32 wantVersion = keccak256(abi.encode(wantKey, uint32(1)));
        ZkllmRegistry.VersionInput memory v = input(1);
        vm.expectEmit(address(reg));
        emit ZkllmRegistry.ModelRegistered(wantKey, alice, SALT);
        vm.expectEmit(address(reg));
        emit ZkllmRegistry.VersionPublished(
            wantVersion, wantKey, v.modelId, 1, v.specHash, v.commitmentDigest, v.sourceDigest, CID, "ipfs://meta"
        );
        vm.prank(alice);
        (bytes32 modelKey, bytes32 versionId) = reg.registerModel(SALT, v);
        assertEq(modelKey, wantKey);
        assertEq(versionId, wantVersion);
        assertEq(reg.modelKeyOf(alice, SALT), wantKey);
        assertEq(reg.versionIdOf(wantKey, 1), wantVersion);

        ZkllmRegistry.Model memory m = reg.getModel(modelKey);
        assertEq(m.owner, alice);
        assertEq(m.versionCount, 1);
        assertEq(m.pendingOwner, address(0));
        ZkllmRegistry.Version memory got = reg.getVersion(versionId);
        assertEq(got.modelKey, modelKey);
        assertEq(got.number, 1);
        assertFalse(got.revoked);
        assertEq(got.revokedBlock, 0);
        assertEq(got.publisher, alice);
        assertEq(got.blockNumber, 100);
        assertEq(got.modelId, v.modelId);
        assertEq(got.specHash, v.specHash);
        assertEq(got.commitmentDigest, v.commitmentDigest);
        assertEq(got.sourceDigest, v.sourceDigest);
        assertEq(got.commitmentCid, CID);
        assertEq(got.metadataUri, "ipfs://meta");
    }

    function test_RegisterModel_EmptyMetadataAllowed() public {
        ZkllmRegistry.VersionInput memory v = input(1);
        v.metadataUri = "";
        vm.prank(alice);
        (, bytes32 versionId) = reg.registerModel(SALT, v);
        assertEq(reg.getVersion(versionId).metadataUri, "");
    }

    function test_RegisterModel_RevertsWhenKeyTaken() public {
        (bytes32 modelKey,) = registered();
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.ModelExists.selector, modelKey));
        reg.registerModel(SALT, input(2));
    }

    /// A front-runner replaying alice's exact registration gets its own model; alice's still works.
    function test_RegisterModel_FrontRunClaimsNothing() public {
        vm.prank(bob);
        (bytes32 bobKey,) = reg.registerModel(SALT, input(1));
        vm.prank(alice);
        (bytes32 aliceKey,) = reg.registerModel(SALT, input(1));
        assertTrue(bobKey != aliceKey);
        assertEq(reg.getModel(aliceKey).owner, alice);
        assertEq(reg.getModel(bobKey).owner, bob);
    }

    function test_RegisterModel_RevertsOnEachZeroDigest() public {
        for (uint256 i; i < 4; i++) {
            ZkllmRegistry.VersionInput memory v = input(1);
            if (i == 0) v.modelId = 0;
            if (i == 1) v.specHash = 0;
            if (i == 2) v.commitmentDigest = 0;
            if (i == 3) v.sourceDigest = 0;
            vm.prank(alice);
            vm.expectRevert(ZkllmRegistry.ZeroDigest.selector);
            reg.registerModel(SALT, v);
        }
    }

    function test_RegisterModel_RevertsOnEmptyCid() public {
        ZkllmRegistry.VersionInput memory v = input(1);
        v.commitmentCid = "";
        vm.prank(alice);
        vm.expectRevert(ZkllmRegistry.EmptyCid.selector);
        reg.registerModel(SALT, v);
    }

    function test_RegisterModel_CidLengthCap() public {
        ZkllmRegistry.VersionInput memory v = input(1);
        v.commitmentCid = repeat("a", 128);
        vm.prank(alice);
        reg.registerModel(SALT, v); // exactly at the cap is fine
        v.commitmentCid = repeat("a", 129);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.CidTooLong.selector, 129, 128));
        reg.registerModel(keccak256("other"), v);
    }

    function test_RegisterModel_UriLengthCap() public {
        ZkllmRegistry.VersionInput memory v = input(1);
        v.metadataUri = repeat("u", 512);
        vm.prank(alice);
        reg.registerModel(SALT, v);
        v.metadataUri = repeat("u", 513);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.UriTooLong.selector, 513, 512));
        reg.registerModel(keccak256("other"), v);
    }

    // ---- publishVersion ----------------------------------------------------------------------

    function test_PublishVersion_AppendsAndKeepsOldVersion() public {
        (bytes32 modelKey, bytes32 v1) = registered();
        ZkllmRegistry.VersionInput memory in2 = input(2);
        bytes32 want = reg.versionIdOf(modelKey, 2);
        vm.expectEmit(address(reg));
        emit ZkllmRegistry.VersionPublished(
            want, modelKey, in2.modelId, 2, in2.specHash, in2.commitmentDigest, in2.sourceDigest, CID, "ipfs://meta"
        );
        vm.prank(alice);
        bytes32 v2 = reg.publishVersion(modelKey, in2);
        assertEq(v2, want);
        assertEq(reg.getModel(modelKey).versionCount, 2);
        assertEq(reg.getVersion(v2).number, 2);
        assertEq(reg.getVersion(v2).modelId, in2.modelId);
        assertEq(reg.getVersion(v1).modelId, input(1).modelId);
    }

    function test_PublishVersion_RevertsForNonOwner() public {
        (bytes32 modelKey,) = registered();
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.NotModelOwner.selector, modelKey, bob));
        reg.publishVersion(modelKey, input(2));
    }

    function test_PublishVersion_RevertsForUnknownModel() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.UnknownModel.selector, bytes32(uint256(7))));
        reg.publishVersion(bytes32(uint256(7)), input(2));
    }

    function test_PublishVersion_ValidatesInput() public {
        (bytes32 modelKey,) = registered();
        ZkllmRegistry.VersionInput memory v = input(2);
        v.specHash = 0;
        vm.prank(alice);
        vm.expectRevert(ZkllmRegistry.ZeroDigest.selector);
        reg.publishVersion(modelKey, v);
    }

    // ---- transferModelOwnership / acceptModelOwnership ------------------------------------------

    function test_Transfer_TwoStepsMoveAllOwnerRights() public {
        (bytes32 modelKey, bytes32 v1) = registered();
        vm.expectEmit(address(reg));
        emit ZkllmRegistry.ModelOwnershipTransferStarted(modelKey, alice, bob);
        vm.prank(alice);
        reg.transferModelOwnership(modelKey, bob);
        // Until bob accepts, alice keeps every right and bob has none.
        assertEq(reg.getModel(modelKey).owner, alice);
        assertEq(reg.getModel(modelKey).pendingOwner, bob);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.NotModelOwner.selector, modelKey, bob));
        reg.publishVersion(modelKey, input(2));
        vm.prank(alice);
        bytes32 v2 = reg.publishVersion(modelKey, input(2));

        vm.expectEmit(address(reg));
        emit ZkllmRegistry.ModelOwnershipTransferred(modelKey, alice, bob);
        vm.prank(bob);
        reg.acceptModelOwnership(modelKey);
        assertEq(reg.getModel(modelKey).owner, bob);
        assertEq(reg.getModel(modelKey).pendingOwner, address(0));

        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.NotModelOwner.selector, modelKey, alice));
        reg.publishVersion(modelKey, input(3));
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.NotModelOwner.selector, modelKey, alice));
        reg.revokeVersion(v1);
        vm.stopPrank();

        // The new owner continues the same line: version 3, published by bob.
        vm.startPrank(bob);
        bytes32 v3 = reg.publishVersion(modelKey, input(3));
        reg.revokeVersion(v1);
        vm.stopPrank();
        assertEq(v3, reg.versionIdOf(modelKey, 3));
        assertEq(reg.getVersion(v1).publisher, alice);
        assertEq(reg.getVersion(v2).publisher, alice);
        assertEq(reg.getVersion(v3).publisher, bob);
    }

    /// A mistyped new owner bricks nothing: it never accepts, and the owner re-targets or cancels.
    function test_Transfer_MistypedAddressIsRecoverable() public {
        (bytes32 modelKey, bytes32 v1) = registered();
        address typo = address(0xdead);
        vm.startPrank(alice);
        reg.transferModelOwnership(modelKey, typo);
        reg.transferModelOwnership(modelKey, bob); // replaces the pending owner
        vm.stopPrank();
        vm.prank(typo);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.NotPendingOwner.selector, modelKey, typo));
        reg.acceptModelOwnership(modelKey);
        vm.prank(alice);
        reg.transferModelOwnership(modelKey, address(0)); // cancels
        assertEq(reg.getModel(modelKey).pendingOwner, address(0));
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.NotPendingOwner.selector, modelKey, bob));
        reg.acceptModelOwnership(modelKey);
        vm.prank(alice);
        reg.revokeVersion(v1);
        assertEq(reg.getModel(modelKey).owner, alice);
    }

    function test_Transfer_Reverts() public {
        (bytes32 modelKey,) = registered();
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.NotModelOwner.selector, modelKey, bob));
        reg.transferModelOwnership(modelKey, bob);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.SameOwner.selector, modelKey));
        reg.transferModelOwnership(modelKey, alice);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.UnknownModel.selector, bytes32(0)));
        reg.transferModelOwnership(bytes32(0), bob);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.UnknownModel.selector, bytes32(uint256(4))));
        reg.acceptModelOwnership(bytes32(uint256(4)));
        // no transfer pending: nobody can accept, not even address(0)'s stand-in or the owner
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.NotPendingOwner.selector, modelKey, alice));
        reg.acceptModelOwnership(modelKey);
    }

    // ---- revokeVersion -----------------------------------------------------------------------

    function test_Revoke_BlocksNewProofsKeepsOldOnes() public {
        (bytes32 versionId, bytes32 proofDigest) = anchored();
        (bytes32 modelKey) = reg.getVersion(versionId).modelKey;
        vm.expectEmit(address(reg));
        emit ZkllmRegistry.VersionRevoked(versionId, modelKey);
        vm.roll(150);
        vm.prank(alice);
        reg.revokeVersion(versionId);
        assertTrue(reg.getVersion(versionId).revoked);
        assertEq(reg.getVersion(versionId).revokedBlock, 150);
        assertEq(reg.getVersion(versionId).blockNumber, 100);
        assertEq(reg.getProof(proofDigest).versionId, versionId);

        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.VersionIsRevoked.selector, versionId));
        reg.anchorProof(versionId, keccak256("s2"), keccak256("p2"), PROOF_CID);
    }

    function test_Revoke_Reverts() public {
        (bytes32 modelKey, bytes32 versionId) = registered();
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.NotModelOwner.selector, modelKey, bob));
        reg.revokeVersion(versionId);
        vm.startPrank(alice);
        reg.revokeVersion(versionId);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.VersionIsRevoked.selector, versionId));
        reg.revokeVersion(versionId);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.UnknownVersion.selector, bytes32(uint256(5))));
        reg.revokeVersion(bytes32(uint256(5)));
        vm.stopPrank();
    }

    // ---- anchorProof -------------------------------------------------------------------------

    function test_AnchorProof_StoresAndEmits() public {
        (, bytes32 versionId) = registered();
        bytes32 statement = keccak256("statement");
        bytes32 digest = keccak256("proof");
        bytes32 key = keccak256(abi.encode(versionId, statement, digest));
        vm.roll(123);
        vm.expectEmit(address(reg));
        emit ZkllmRegistry.ProofAnchored(key, versionId, bob, statement, digest, PROOF_CID);
        vm.prank(bob);
        assertEq(reg.anchorProof(versionId, statement, digest, PROOF_CID), key);
        assertEq(reg.proofKeyOf(versionId, statement, digest), key);
        ZkllmRegistry.Proof memory p = reg.getProof(key);
        assertEq(p.versionId, versionId);
        assertEq(p.statementDigest, statement);
        assertEq(p.proofDigest, digest);
        assertEq(p.submitter, bob);
        assertEq(p.blockNumber, 123);
        assertEq(p.proofCid, PROOF_CID);
    }

    /// The issue-16 attack: a copier sees alice's pending anchorProof and submits the same proof
    /// and statement digests first, under a live version of its own. The honest call must still
    /// succeed, and attestations on the honest record must name the honest version.
    function test_AnchorProof_FrontRunClaimsNothing() public {
        (, bytes32 aliceVersion) = registered();
        vm.prank(bob);
        (, bytes32 bobVersion) = reg.registerModel(SALT, input(9));
        bytes32 statement = keccak256("statement");
        bytes32 digest = keccak256("proof");

        vm.prank(bob); // the front-run
        bytes32 copyKey = reg.anchorProof(bobVersion, statement, digest, PROOF_CID);
        vm.prank(alice); // the honest call, mined after it
        bytes32 honestKey = reg.anchorProof(aliceVersion, statement, digest, PROOF_CID);

        assertTrue(copyKey != honestKey);
        assertEq(reg.getProof(honestKey).versionId, aliceVersion);
        assertEq(reg.getProof(honestKey).submitter, alice);
        assertEq(reg.getProof(copyKey).versionId, bobVersion);
        vm.expectEmit(address(reg));
        emit ZkllmRegistry.ValidationResponse(auditor, uint256(aliceVersion), honestKey, 100, "ipfs://r", 0, 0);
        vm.prank(auditor);
        reg.validationResponse(honestKey, 100, "ipfs://r", 0, 0);
        assertEq(reg.getAttestation(copyKey, auditor).blockNumber, 0);
    }

    function test_AnchorProof_Reverts() public {
        (bytes32 versionId, bytes32 key) = anchored();
        bytes32 s = keccak256("s");
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.ProofExists.selector, key));
        reg.anchorProof(versionId, keccak256("statement"), keccak256("proof"), PROOF_CID);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.UnknownVersion.selector, bytes32(uint256(9))));
        reg.anchorProof(bytes32(uint256(9)), s, keccak256("p"), PROOF_CID);
        vm.expectRevert(ZkllmRegistry.ZeroDigest.selector);
        reg.anchorProof(versionId, 0, keccak256("p"), PROOF_CID);
        vm.expectRevert(ZkllmRegistry.ZeroDigest.selector);
        reg.anchorProof(versionId, s, 0, PROOF_CID);
        vm.expectRevert(ZkllmRegistry.EmptyCid.selector);
        reg.anchorProof(versionId, s, keccak256("p"), "");
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.CidTooLong.selector, 200, 128));
        reg.anchorProof(versionId, s, keccak256("p"), repeat("c", 200));
    }

    // ---- validationResponse ------------------------------------------------------------------

    function test_ValidationResponse_StoresAndEmitsErc8004Shape() public {
        (bytes32 versionId, bytes32 digest) = anchored();
        bytes32 rh = keccak256("report");
        bytes32 tag = bytes32("zkllm-v1");
        vm.expectEmit(address(reg));
        emit ZkllmRegistry.ValidationResponse(auditor, uint256(versionId), digest, 100, "ipfs://report", rh, tag);
        vm.prank(auditor);
        reg.validationResponse(digest, 100, "ipfs://report", rh, tag);
        ZkllmRegistry.Attestation memory a = reg.getAttestation(digest, auditor);
        assertEq(a.response, 100);
        assertEq(a.blockNumber, 100);
        assertEq(a.responseHash, rh);
        assertEq(a.tag, tag);
        assertEq(a.responseUri, "ipfs://report");
        // another auditor may disagree; both verdicts stay
        vm.prank(bob);
        reg.validationResponse(digest, 0, "ipfs://other", 0, 0);
        assertEq(reg.getAttestation(digest, bob).response, 0);
        assertEq(reg.getAttestation(digest, auditor).response, 100);
        assertEq(reg.getAttestation(digest, alice).blockNumber, 0);
    }

    /// Attestations stay open on proofs of a version revoked later (anyone may attest; readers
    /// filter by validator); the version's revokedBlock lets them tell before from after.
    function test_ValidationResponse_OnRevokedVersionIsRecordedWithItsBlock() public {
        (bytes32 versionId, bytes32 key) = anchored();
        vm.roll(200);
        vm.prank(alice);
        reg.revokeVersion(versionId);
        vm.roll(201);
        vm.prank(auditor);
        reg.validationResponse(key, 100, "ipfs://late", 0, 0);
        assertGt(reg.getAttestation(key, auditor).blockNumber, reg.getVersion(versionId).revokedBlock);
    }

    function test_ValidationResponse_Reverts() public {
        (, bytes32 digest) = anchored();
        vm.startPrank(auditor);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.UnknownProof.selector, bytes32(uint256(1))));
        reg.validationResponse(bytes32(uint256(1)), 100, "u", 0, 0);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.InvalidResponse.selector, 50));
        reg.validationResponse(digest, 50, "u", 0, 0);
        vm.expectRevert(ZkllmRegistry.EmptyUri.selector);
        reg.validationResponse(digest, 100, "", 0, 0);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.UriTooLong.selector, 600, 512));
        reg.validationResponse(digest, 100, repeat("u", 600), 0, 0);
        reg.validationResponse(digest, 100, "u", 0, 0);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.AlreadyAttested.selector, digest, auditor));
        reg.validationResponse(digest, 0, "u2", 0, 0);
        vm.stopPrank();
    }

    // ---- reads -------------------------------------------------------------------------------

    function test_Getters_RevertOnUnknownIds() public {
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.UnknownModel.selector, bytes32(uint256(1))));
        reg.getModel(bytes32(uint256(1)));
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.UnknownVersion.selector, bytes32(uint256(2))));
        reg.getVersion(bytes32(uint256(2)));
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.UnknownProof.selector, bytes32(uint256(3))));
        reg.getProof(bytes32(uint256(3)));
    }

    // ---- fuzz --------------------------------------------------------------------------------

    function testFuzz_RegisterAnyValidInput(
        address who,
        bytes32 salt,
        ZkllmRegistry.VersionInput memory v,
        uint8 cidLen,
        uint16 uriLen
    ) public {
        vm.assume(who != address(0));
        vm.assume(v.modelId != 0 && v.specHash != 0 && v.commitmentDigest != 0 && v.sourceDigest != 0);
        v.commitmentCid = repeat("b", bound(cidLen, 1, 128));
        v.metadataUri = repeat("m", bound(uriLen, 0, 512));
        vm.prank(who);
        (bytes32 modelKey, bytes32 versionId) = reg.registerModel(salt, v);
        assertEq(modelKey, keccak256(abi.encode(who, salt)));
        ZkllmRegistry.Version memory got = reg.getVersion(versionId);
        assertEq(keccak256(abi.encode(got.modelId, got.specHash, got.commitmentDigest, got.sourceDigest)),
            keccak256(abi.encode(v.modelId, v.specHash, v.commitmentDigest, v.sourceDigest)));
        assertEq(got.commitmentCid, v.commitmentCid);
        assertEq(got.metadataUri, v.metadataUri);
        assertEq(reg.getModel(modelKey).owner, who);
    }

    function testFuzz_CidOverCapAlwaysReverts(uint16 extra) public {
        (, bytes32 versionId) = registered();
        uint256 n = 129 + bound(extra, 0, 2000);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.CidTooLong.selector, n, 128));
        reg.anchorProof(versionId, keccak256("s"), keccak256("p"), repeat("c", n));
    }

    function testFuzz_OnlyOwnerMutatesModel(address caller) public {
        vm.assume(caller != alice);
        (bytes32 modelKey, bytes32 versionId) = registered();
        vm.startPrank(caller);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.NotModelOwner.selector, modelKey, caller));
        reg.publishVersion(modelKey, input(2));
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.NotModelOwner.selector, modelKey, caller));
        reg.transferModelOwnership(modelKey, caller == address(0) ? bob : caller);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.NotPendingOwner.selector, modelKey, caller));
        reg.acceptModelOwnership(modelKey);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.NotModelOwner.selector, modelKey, caller));
        reg.revokeVersion(versionId);
        vm.stopPrank();
        assertEq(reg.getModel(modelKey).owner, alice);
        assertEq(reg.getModel(modelKey).versionCount, 1);
        assertFalse(reg.getVersion(versionId).revoked);
    }

    function testFuzz_ProofRoundTripAndNoDuplicate(address submitter, bytes32 statement, bytes32 digest, uint8 cidLen)
        public
    {
        vm.assume(statement != 0 && digest != 0 && submitter != address(0));
        (, bytes32 versionId) = registered();
        string memory cid = repeat("q", bound(cidLen, 1, 128));
        vm.prank(submitter);
        bytes32 key = reg.anchorProof(versionId, statement, digest, cid);
        assertEq(key, keccak256(abi.encode(versionId, statement, digest)));
        ZkllmRegistry.Proof memory p = reg.getProof(key);
        assertEq(p.versionId, versionId);
        assertEq(p.statementDigest, statement);
        assertEq(p.proofDigest, digest);
        assertEq(p.submitter, submitter);
        assertEq(p.proofCid, cid);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.ProofExists.selector, key));
        reg.anchorProof(versionId, statement, digest, cid);
    }

    /// Whoever anchors a digest first under whatever version, the claim of any other
    /// (version, statement) pair for the same proof digest can still be recorded, and each
    /// record reads back exactly as its own submitter wrote it.
    function testFuzz_FrontRunNeverBlocksOrRedirects(address copier, bytes32 copyStatement, bytes32 digest) public {
        vm.assume(copier != address(0) && copier != alice && copyStatement != 0 && digest != 0);
        (, bytes32 honestVersion) = registered();
        vm.prank(copier);
        (, bytes32 copyVersion) = reg.registerModel(SALT, input(7));
        bytes32 statement = keccak256("statement");
        vm.prank(copier);
        bytes32 copyKey = reg.anchorProof(copyVersion, copyStatement, digest, PROOF_CID);
        vm.prank(alice);
        bytes32 honestKey = reg.anchorProof(honestVersion, statement, digest, PROOF_CID);
        assertTrue(copyKey != honestKey);
        ZkllmRegistry.Proof memory p = reg.getProof(honestKey);
        assertEq(p.versionId, honestVersion);
        assertEq(p.statementDigest, statement);
        assertEq(p.submitter, alice);
        assertEq(reg.getProof(copyKey).versionId, copyVersion);
    }

    /// Only the pending owner can complete a transfer, and nothing changes hands before it does.
    function testFuzz_OnlyPendingOwnerAccepts(address pending, address other) public {
        vm.assume(pending != address(0) && pending != alice && other != pending);
        (bytes32 modelKey,) = registered();
        vm.prank(alice);
        reg.transferModelOwnership(modelKey, pending);
        vm.prank(other);
        vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.NotPendingOwner.selector, modelKey, other));
        reg.acceptModelOwnership(modelKey);
        assertEq(reg.getModel(modelKey).owner, alice);
        vm.prank(pending);
        reg.acceptModelOwnership(modelKey);
        assertEq(reg.getModel(modelKey).owner, pending);
        assertEq(reg.getModel(modelKey).pendingOwner, address(0));
    }

    function testFuzz_OnlyBinaryVerdicts(uint8 response) public {
        (, bytes32 digest) = anchored();
        vm.prank(auditor);
        if (response != 0 && response != 100) {
            vm.expectRevert(abi.encodeWithSelector(ZkllmRegistry.InvalidResponse.selector, response));
        }
        reg.validationResponse(digest, response, "ipfs://r", 0, 0);
    }
}
