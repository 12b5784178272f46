// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title ZkllmRegistry
/// @notice Append-only registry of zkllm model commitments, anchored inference proofs and
/// auditor verdicts. One immutable contract (no proxy, no admin, no external calls): a record,
/// once written, never changes; the only mutable facts are a model's owner (and pending owner)
/// and a version's revocation, changed only by the model's current owner; ownership moves in two steps
/// (the owner names a pending owner, who must accept, as OpenZeppelin's Ownable2Step).
///
/// Keys are chosen so that copying someone's pending transaction claims nothing:
/// - a model is keyed by keccak256(abi.encode(registrant, salt)), so a front-runner who copies
///   a registration creates its own, differently keyed model;
/// - a version is keyed by keccak256(abi.encode(modelKey, number));
/// - a proof record is keyed by what it claims, keccak256(abi.encode(versionId,
///   statementDigest, proofDigest)): a copier who anchors the same proof digest first under a
///   version of their own writes a different record (one the proof does not verify against)
///   and cannot block or redirect the honest one;
/// - an attestation is keyed by (proof key, validator = msg.sender). Anyone may attest, also on
///   proofs of versions revoked later: readers count only the validators they trust, and may
///   compare an attestation's block with the version's revokedBlock.
contract ZkllmRegistry {
    /// @notice Longest accepted IPFS CID, in bytes (a CIDv1 base32 SHA-256 CID is 59).
    uint256 public constant MAX_CID_LENGTH = 128;
    /// @notice Longest accepted metadata / response URI, in bytes.
    uint256 public constant MAX_URI_LENGTH = 512;
    /// @notice ERC-8004 validation response values: 100 = the proof verified, 0 = it did not.
    uint8 public constant RESPONSE_VALID = 100;
    uint8 public constant RESPONSE_INVALID = 0;

    /// @notice What a model version commits to (names follow PROTOCOL §1.1).
    struct VersionInput {
        bytes32 modelId; // SHA-256(manifest digest || verifying-key file digest)
        bytes32 specHash; // SHA-256 of the canonical spec (architecture, quantization)
        bytes32 commitmentDigest; // SHA-256 of the commitment (verifying key) file
        bytes32 sourceDigest; // digest of the original model files (safetensors SHA-256 list)
        string commitmentCid; // IPFS CID of the commitment file
        string metadataUri; // optional human-facing metadata
    }

    struct Model {
        address owner;
        uint32 versionCount;
        address pendingOwner; // set by transferModelOwnership, cleared by accept or cancel
    }

    struct Version {
        bytes32 modelKey;
        uint32 number; // 1-based, in publication order
        bool revoked;
        uint64 blockNumber;
        uint64 revokedBlock; // 0 while live
        address publisher; // the owner who published it
        bytes32 modelId;
        bytes32 specHash;
        bytes32 commitmentDigest;
        bytes32 sourceDigest;
        string commitmentCid;
        string metadataUri;
    }

    struct Proof {
        bytes32 versionId;
        bytes32 statementDigest; // digest of prompt, output and decoding settings
        bytes32 proofDigest; // SHA-256 of the proof file
        address submitter;
        uint64 blockNumber;
        string proofCid;
    }

    struct Attestation {
        uint8 response;
        uint64 blockNumber;
        bytes32 responseHash;
        bytes32 tag;
        string responseUri;
    }

    mapping(bytes32 modelKey => Model) private _models;
    mapping(bytes32 versionId => Version) private _versions;
    mapping(bytes32 proofKey => Proof) private _proofs;
    mapping(bytes32 proofKey => mapping(address validator => Attestation)) private _attestations;

    event ModelRegistered(bytes32 indexed modelKey, address indexed owner, bytes32 salt);
    event ModelOwnershipTransferStarted(bytes32 indexed modelKey, address indexed owner, address indexed pendingOwner);
    event ModelOwnershipTransferred(bytes32 indexed modelKey, address indexed previousOwner, address indexed newOwner);
    event VersionPublished(
        bytes32 indexed versionId,
        bytes32 indexed modelKey,
        bytes32 indexed modelId,
        uint32 number,
        bytes32 specHash,
        bytes32 commitmentDigest,
        bytes32 sourceDigest,
        string commitmentCid,
        string metadataUri
    );
    event VersionRevoked(bytes32 indexed versionId, bytes32 indexed modelKey);
    event ProofAnchored(
        bytes32 indexed proofKey,
        bytes32 indexed versionId,
        address indexed submitter,
        bytes32 statementDigest,
        bytes32 proofDigest,
        string proofCid
    );
    /// @notice Same shape as ERC-8004's ValidationResponse; agentId is the model version id,
    /// requestHash the proof key.
    event ValidationResponse(
        address indexed validatorAddress,
        uint256 indexed agentId,
        bytes32 indexed requestHash,
        uint8 response,
        string responseUri,
        bytes32 responseHash,
        bytes32 tag
    );

    error ZeroDigest();
    error EmptyCid();
    error CidTooLong(uint256 length, uint256 max);
    error UriTooLong(uint256 length, uint256 max);
    error ModelExists(bytes32 modelKey);
    error UnknownModel(bytes32 modelKey);
    error NotModelOwner(bytes32 modelKey, address caller);
    error SameOwner(bytes32 modelKey);
    error NotPendingOwner(bytes32 modelKey, address caller);
    error UnknownVersion(bytes32 versionId);
    error VersionIsRevoked(bytes32 versionId);
    error ProofExists(bytes32 proofKey);
    error UnknownProof(bytes32 proofKey);
    error InvalidResponse(uint8 response);
    error EmptyUri();
    error AlreadyAttested(bytes32 proofKey, address validator);

    // ---- models ----------------------------------------------------------------------------

    /// @notice Registers a new model owned by the caller, with its first version.
    function registerModel(bytes32 salt, VersionInput calldata v) external returns (bytes32 modelKey, bytes32 versionId) {
        modelKey = modelKeyOf(msg.sender, salt);
        if (_models[modelKey].owner != address(0)) revert ModelExists(modelKey);
        _models[modelKey].owner = msg.sender;
        emit ModelRegistered(modelKey, msg.sender, salt);
        versionId = _publish(modelKey, v);
    }

    /// @notice Publishes the next version of a model; only its owner may.
    function publishVersion(bytes32 modelKey, VersionInput calldata v) external returns (bytes32 versionId) {
        _onlyOwner(modelKey);
        versionId = _publish(modelKey, v);
    }

    /// @notice Starts handing a model (and the right to publish and revoke its versions) to
    /// newOwner, who must call acceptModelOwnership; until then the caller stays the owner.
    /// newOwner = address(0) cancels a pending transfer. A later call replaces the pending owner.
    function transferModelOwnership(bytes32 modelKey, address newOwner) external {
        _onlyOwner(modelKey);
        if (newOwner == msg.sender) revert SameOwner(modelKey);
        _models[modelKey].pendingOwner = newOwner;
        emit ModelOwnershipTransferStarted(modelKey, msg.sender, newOwner);
    }

    /// @notice Completes a transfer: only the pending owner may, and becomes the owner.
    function acceptModelOwnership(bytes32 modelKey) external {
        Model storage m = _models[modelKey];
        if (m.owner == address(0)) revert UnknownModel(modelKey);
        if (m.pendingOwner == address(0) || m.pendingOwner != msg.sender) revert NotPendingOwner(modelKey, msg.sender);
        address previous = m.owner;
        m.owner = msg.sender;
        m.pendingOwner = address(0);
        emit ModelOwnershipTransferred(modelKey, previous, msg.sender);
    }

    /// @notice Revokes a version for good: it accepts no new proofs. Existing proofs stay.
    function revokeVersion(bytes32 versionId) external {
        Version storage ver = _versions[versionId];
        bytes32 modelKey = ver.modelKey;
        if (modelKey == bytes32(0)) revert UnknownVersion(versionId);
        _onlyOwner(modelKey);
        if (ver.revoked) revert VersionIsRevoked(versionId);
        ver.revoked = true;
        ver.revokedBlock = uint64(block.number);
        emit VersionRevoked(versionId, modelKey);
    }

    // ---- proofs ----------------------------------------------------------------------------

    /// @notice Anchors a proof about a live model version. Anyone may; each (version, statement,
    /// proof) triple only once. Returns the record's key, proofKeyOf(versionId, statementDigest,
    /// proofDigest).
    function anchorProof(bytes32 versionId, bytes32 statementDigest, bytes32 proofDigest, string calldata proofCid)
        external
        returns (bytes32 proofKey)
    {
        Version storage ver = _versions[versionId];
        if (ver.modelKey == bytes32(0)) revert UnknownVersion(versionId);
        if (ver.revoked) revert VersionIsRevoked(versionId);
        if (statementDigest == bytes32(0) || proofDigest == bytes32(0)) revert ZeroDigest();
        _checkCid(proofCid);
        proofKey = proofKeyOf(versionId, statementDigest, proofDigest);
        Proof storage p = _proofs[proofKey];
        if (p.submitter != address(0)) revert ProofExists(proofKey);
        p.versionId = versionId;
        p.statementDigest = statementDigest;
        p.proofDigest = proofDigest;
        p.submitter = msg.sender;
        p.blockNumber = uint64(block.number);
        p.proofCid = proofCid;
        emit ProofAnchored(proofKey, versionId, msg.sender, statementDigest, proofDigest, proofCid);
    }

    // ---- attestations (ERC-8004 validation responses) ----------------------------------------

    /// @notice Records the caller's verdict on an anchored proof (requestHash = proof key):
    /// response 100 = valid, 0 = invalid. One verdict per validator and proof, never replaced.
    /// Anyone may attest, on any anchored proof (also of a version revoked since): readers
    /// filter by the validators they trust.
    function validationResponse(
        bytes32 requestHash,
        uint8 response,
        string calldata responseUri,
        bytes32 responseHash,
        bytes32 tag
    ) external {
        Proof storage p = _proofs[requestHash];
        if (p.submitter == address(0)) revert UnknownProof(requestHash);
        if (response != RESPONSE_VALID && response != RESPONSE_INVALID) revert InvalidResponse(response);
        if (bytes(responseUri).length == 0) revert EmptyUri();
        _checkUri(responseUri);
        Attestation storage a = _attestations[requestHash][msg.sender];
        if (a.blockNumber != 0) revert AlreadyAttested(requestHash, msg.sender);
        a.response = response;
        a.blockNumber = uint64(block.number);
        a.responseHash = responseHash;
        a.tag = tag;
        a.responseUri = responseUri;
        emit ValidationResponse(msg.sender, uint256(p.versionId), requestHash, response, responseUri, responseHash, tag);
    }

    // ---- reads -----------------------------------------------------------------------------

    function modelKeyOf(address registrant, bytes32 salt) public pure returns (bytes32) {
        return keccak256(abi.encode(registrant, salt));
    }

    function versionIdOf(bytes32 modelKey, uint32 number) public pure returns (bytes32) {
        return keccak256(abi.encode(modelKey, number));
    }

    function proofKeyOf(bytes32 versionId, bytes32 statementDigest, bytes32 proofDigest) public pure returns (bytes32) {
        return keccak256(abi.encode(versionId, statementDigest, proofDigest));
    }

    function getModel(bytes32 modelKey) external view returns (Model memory m) {
        m = _models[modelKey];
        if (m.owner == address(0)) revert UnknownModel(modelKey);
    }

    function getVersion(bytes32 versionId) external view returns (Version memory v) {
        v = _versions[versionId];
        if (v.modelKey == bytes32(0)) revert UnknownVersion(versionId);
    }

    function getProof(bytes32 proofKey) external view returns (Proof memory p) {
        p = _proofs[proofKey];
        if (p.submitter == address(0)) revert UnknownProof(proofKey);
    }

    /// @notice The validator's attestation on a proof; blockNumber == 0 means none recorded.
    function getAttestation(bytes32 proofKey, address validator) external view returns (Attestation memory) {
        return _attestations[proofKey][validator];
    }

    // ---- internals ---------------------------------------------------------------------------

    function _publish(bytes32 modelKey, VersionInput calldata v) private returns (bytes32 versionId) {
        if (
            v.modelId == bytes32(0) || v.specHash == bytes32(0) || v.commitmentDigest == bytes32(0)
                || v.sourceDigest == bytes32(0)
        ) revert ZeroDigest();
        _checkCid(v.commitmentCid);
        _checkUri(v.metadataUri);
        uint32 number = _models[modelKey].versionCount + 1;
        _models[modelKey].versionCount = number;
        versionId = versionIdOf(modelKey, number);
        Version storage ver = _versions[versionId];
        ver.modelKey = modelKey;
        ver.number = number;
        ver.blockNumber = uint64(block.number);
        ver.publisher = msg.sender;
        ver.modelId = v.modelId;
        ver.specHash = v.specHash;
        ver.commitmentDigest = v.commitmentDigest;
        ver.sourceDigest = v.sourceDigest;
        ver.commitmentCid = v.commitmentCid;
        ver.metadataUri = v.metadataUri;
        emit VersionPublished(
            versionId,
            modelKey,
            v.modelId,
            number,
            v.specHash,
            v.commitmentDigest,
            v.sourceDigest,
            v.commitmentCid,
            v.metadataUri
        );
    }

    function _onlyOwner(bytes32 modelKey) private view {
        address owner = _models[modelKey].owner;
        if (owner == address(0)) revert UnknownModel(modelKey);
        if (owner != msg.sender) revert NotModelOwner(modelKey, msg.sender);
    }

    function _checkCid(string calldata cid) private pure {
        uint256 n = bytes(cid).length;
        if (n == 0) revert EmptyCid();
        if (n > MAX_CID_LENGTH) revert CidTooLong(n, MAX_CID_LENGTH);
    }

    function _checkUri(string calldata uri) private pure {
        uint256 n = bytes(uri).length;
        if (n > MAX_URI_LENGTH) revert UriTooLong(n, MAX_URI_LENGTH);
    }
}
