// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package bindings

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// ZkllmRegistryAttestation is an auto generated low-level Go binding around an user-defined struct.
type ZkllmRegistryAttestation struct {
	Response     uint8
	BlockNumber  uint64
	ResponseHash [32]byte
	Tag          [32]byte
	ResponseUri  string
}

// ZkllmRegistryModel is an auto generated low-level Go binding around an user-defined struct.
type ZkllmRegistryModel struct {
	Owner        common.Address
	VersionCount uint32
	PendingOwner common.Address
}

// ZkllmRegistryProof is an auto generated low-level Go binding around an user-defined struct.
type ZkllmRegistryProof struct {
	VersionId       [32]byte
	StatementDigest [32]byte
	ProofDigest     [32]byte
	Submitter       common.Address
	BlockNumber     uint64
	ProofCid        string
}

// ZkllmRegistryVersion is an auto generated low-level Go binding around an user-defined struct.
type ZkllmRegistryVersion struct {
	ModelKey         [32]byte
	Number           uint32
	Revoked          bool
	BlockNumber      uint64
	RevokedBlock     uint64
	Publisher        common.Address
	ModelId          [32]byte
	SpecHash         [32]byte
	CommitmentDigest [32]byte
	SourceDigest     [32]byte
	CommitmentCid    string
	MetadataUri      string
}

// ZkllmRegistryVersionInput is an auto generated low-level Go binding around an user-defined struct.
type ZkllmRegistryVersionInput struct {
	ModelId          [32]byte
	SpecHash         [32]byte
	CommitmentDigest [32]byte
	SourceDigest     [32]byte
	CommitmentCid    string
	MetadataUri      string
}

// ZkllmRegistryMetaData contains all meta data concerning the ZkllmRegistry contract.
var ZkllmRegistryMetaData = bind.MetaData{
	ABI: "[{\"type\":\"function\",\"name\":\"MAX_CID_LENGTH\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"MAX_URI_LENGTH\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"RESPONSE_INVALID\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint8\",\"internalType\":\"uint8\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"RESPONSE_VALID\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint8\",\"internalType\":\"uint8\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"acceptModelOwnership\",\"inputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"anchorProof\",\"inputs\":[{\"name\":\"versionId\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"statementDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"proofDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"proofCid\",\"type\":\"string\",\"internalType\":\"string\"}],\"outputs\":[{\"name\":\"proofKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"getAttestation\",\"inputs\":[{\"name\":\"proofKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"validator\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"tuple\",\"internalType\":\"structZkllmRegistry.Attestation\",\"components\":[{\"name\":\"response\",\"type\":\"uint8\",\"internalType\":\"uint8\"},{\"name\":\"blockNumber\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"responseHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"tag\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"responseUri\",\"type\":\"string\",\"internalType\":\"string\"}]}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"getModel\",\"inputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[{\"name\":\"m\",\"type\":\"tuple\",\"internalType\":\"structZkllmRegistry.Model\",\"components\":[{\"name\":\"owner\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"versionCount\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"pendingOwner\",\"type\":\"address\",\"internalType\":\"address\"}]}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"getProof\",\"inputs\":[{\"name\":\"proofKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[{\"name\":\"p\",\"type\":\"tuple\",\"internalType\":\"structZkllmRegistry.Proof\",\"components\":[{\"name\":\"versionId\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"statementDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"proofDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"submitter\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"blockNumber\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"proofCid\",\"type\":\"string\",\"internalType\":\"string\"}]}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"getVersion\",\"inputs\":[{\"name\":\"versionId\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[{\"name\":\"v\",\"type\":\"tuple\",\"internalType\":\"structZkllmRegistry.Version\",\"components\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"number\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"revoked\",\"type\":\"bool\",\"internalType\":\"bool\"},{\"name\":\"blockNumber\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"revokedBlock\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"publisher\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"modelId\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"specHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"commitmentDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"sourceDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"commitmentCid\",\"type\":\"string\",\"internalType\":\"string\"},{\"name\":\"metadataUri\",\"type\":\"string\",\"internalType\":\"string\"}]}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"modelKeyOf\",\"inputs\":[{\"name\":\"registrant\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"salt\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[{\"name\":\"\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"pure\"},{\"type\":\"function\",\"name\":\"proofKeyOf\",\"inputs\":[{\"name\":\"versionId\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"statementDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"proofDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[{\"name\":\"\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"pure\"},{\"type\":\"function\",\"name\":\"publishVersion\",\"inputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"v\",\"type\":\"tuple\",\"internalType\":\"structZkllmRegistry.VersionInput\",\"components\":[{\"name\":\"modelId\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"specHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"commitmentDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"sourceDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"commitmentCid\",\"type\":\"string\",\"internalType\":\"string\"},{\"name\":\"metadataUri\",\"type\":\"string\",\"internalType\":\"string\"}]}],\"outputs\":[{\"name\":\"versionId\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"registerModel\",\"inputs\":[{\"name\":\"salt\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"v\",\"type\":\"tuple\",\"internalType\":\"structZkllmRegistry.VersionInput\",\"components\":[{\"name\":\"modelId\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"specHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"commitmentDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"sourceDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"commitmentCid\",\"type\":\"string\",\"internalType\":\"string\"},{\"name\":\"metadataUri\",\"type\":\"string\",\"internalType\":\"string\"}]}],\"outputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"versionId\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"revokeVersion\",\"inputs\":[{\"name\":\"versionId\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"transferModelOwnership\",\"inputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"newOwner\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"validationResponse\",\"inputs\":[{\"name\":\"requestHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"response\",\"type\":\"uint8\",\"internalType\":\"uint8\"},{\"name\":\"responseUri\",\"type\":\"string\",\"internalType\":\"string\"},{\"name\":\"responseHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"tag\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"versionIdOf\",\"inputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"number\",\"type\":\"uint32\",\"internalType\":\"uint32\"}],\"outputs\":[{\"name\":\"\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"pure\"},{\"type\":\"event\",\"name\":\"ModelOwnershipTransferStarted\",\"inputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"owner\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"pendingOwner\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"ModelOwnershipTransferred\",\"inputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"previousOwner\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"newOwner\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"ModelRegistered\",\"inputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"owner\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"salt\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"ProofAnchored\",\"inputs\":[{\"name\":\"proofKey\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"versionId\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"submitter\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"statementDigest\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"},{\"name\":\"proofDigest\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"},{\"name\":\"proofCid\",\"type\":\"string\",\"indexed\":false,\"internalType\":\"string\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"ValidationResponse\",\"inputs\":[{\"name\":\"validatorAddress\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"agentId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"requestHash\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"response\",\"type\":\"uint8\",\"indexed\":false,\"internalType\":\"uint8\"},{\"name\":\"responseUri\",\"type\":\"string\",\"indexed\":false,\"internalType\":\"string\"},{\"name\":\"responseHash\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"},{\"name\":\"tag\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"VersionPublished\",\"inputs\":[{\"name\":\"versionId\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"modelKey\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"modelId\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"number\",\"type\":\"uint32\",\"indexed\":false,\"internalType\":\"uint32\"},{\"name\":\"specHash\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"},{\"name\":\"commitmentDigest\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"},{\"name\":\"sourceDigest\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"},{\"name\":\"commitmentCid\",\"type\":\"string\",\"indexed\":false,\"internalType\":\"string\"},{\"name\":\"metadataUri\",\"type\":\"string\",\"indexed\":false,\"internalType\":\"string\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"VersionRevoked\",\"inputs\":[{\"name\":\"versionId\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"modelKey\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"}],\"anonymous\":false},{\"type\":\"error\",\"name\":\"AlreadyAttested\",\"inputs\":[{\"name\":\"proofKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"validator\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"CidTooLong\",\"inputs\":[{\"name\":\"length\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"max\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EmptyCid\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"EmptyUri\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"InvalidResponse\",\"inputs\":[{\"name\":\"response\",\"type\":\"uint8\",\"internalType\":\"uint8\"}]},{\"type\":\"error\",\"name\":\"ModelExists\",\"inputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}]},{\"type\":\"error\",\"name\":\"NotModelOwner\",\"inputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"caller\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"NotPendingOwner\",\"inputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"caller\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"ProofExists\",\"inputs\":[{\"name\":\"proofKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}]},{\"type\":\"error\",\"name\":\"SameOwner\",\"inputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}]},{\"type\":\"error\",\"name\":\"UnknownModel\",\"inputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}]},{\"type\":\"error\",\"name\":\"UnknownProof\",\"inputs\":[{\"name\":\"proofKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}]},{\"type\":\"error\",\"name\":\"UnknownVersion\",\"inputs\":[{\"name\":\"versionId\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}]},{\"type\":\"error\",\"name\":\"UriTooLong\",\"inputs\":[{\"name\":\"length\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"max\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"VersionIsRevoked\",\"inputs\":[{\"name\":\"versionId\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}]},{\"type\":\"error\",\"name\":\"ZeroDigest\",\"inputs\":[]}]",
	ID:  "ZkllmRegistry",
	Bin: "0x6080604052348015600e575f5ffd5b50611ec48061001c5f395ff3fe608060405234801561000f575f5ffd5b506004361061012f575f3560e01c80637fb1d18a116100ad578063aab5a8771161007d578063b7f66ce711610063578063b7f66ce7146102e7578063c391d53e1461030f578063d003891c14610322575f5ffd5b8063aab5a877146102cb578063b0031889146102d4575f5ffd5b80637fb1d18a1461027b57806381fa7ec7146102835780639aaf9f08146102a3578063a82da60d146102c3575f5ffd5b806330e5993a116101025780635c756218116100e85780635c756218146102105780636b6eab3c146102235780637380e01f14610236575f5ffd5b806330e5993a146101e857806348303c1d146101fd575f5ffd5b806307ce1419146101335780631b80bb3a146101595780631d044ab71461017957806321e7c49814610192575b5f5ffd5b6101466101413660046116f5565b610335565b6040519081526020015b60405180910390f35b61016c61016736600461172b565b610377565b604051610150919061178e565b6101805f81565b60405160ff9091168152602001610150565b6101a56101a036600461172b565b61053e565b60408051825173ffffffffffffffffffffffffffffffffffffffff908116825260208085015163ffffffff16908301529282015190921690820152606001610150565b6101fb6101f6366004611847565b6105f7565b005b61014661020b3660046118b5565b610803565b6101fb61021e366004611917565b61081e565b6101fb61023136600461172b565b6108fa565b610146610244366004611938565b6040805160208082019590955280820193909352606080840192909252805180840390920182526080909201909152805191012090565b610180606481565b610296610291366004611917565b610a16565b6040516101509190611961565b6102b66102b136600461172b565b610b5b565b60405161015091906119b0565b610146608081565b61014661020081565b6101fb6102e236600461172b565b610e0f565b6102fa6102f53660046118b5565b610f6e565b60408051928352602083019190915201610150565b61014661031d366004611ac0565b61105a565b610146610330366004611b1c565b6112c2565b5f828260405160200161035892919091825263ffffffff16602082015260400190565b6040516020818303038152906040528051906020012090505b92915050565b6103cb6040518060c001604052805f81526020015f81526020015f81526020015f73ffffffffffffffffffffffffffffffffffffffff1681526020015f67ffffffffffffffff168152602001606081525090565b5f82815260026020818152604092839020835160c081018552815481526001820154928101929092529182015492810192909252600381015473ffffffffffffffffffffffffffffffffffffffff8116606084015274010000000000000000000000000000000000000000900467ffffffffffffffff16608083015260048101805460a08401919061045c90611b44565b80601f016020809104026020016040519081016040528092919081815260200182805461048890611b44565b80156104d35780601f106104aa576101008083540402835291602001916104d3565b820191905f5260205f20905b8154815290600101906020018083116104b657829003601f168201915b50505091909252505050606081015190915073ffffffffffffffffffffffffffffffffffffffff16610539576040517f8e8086c5000000000000000000000000000000000000000000000000000000008152600481018390526024015b60405180910390fd5b919050565b60408051606080820183525f808352602080840182905292840181905284815280835283902083519182018452805473ffffffffffffffffffffffffffffffffffffffff8082168085527401000000000000000000000000000000000000000090920463ffffffff169484019490945260019091015490921692810192909252610539576040517fa2dc062500000000000000000000000000000000000000000000000000000000815260048101839052602401610530565b5f868152600260205260409020600381015473ffffffffffffffffffffffffffffffffffffffff16610658576040517f8e8086c500000000000000000000000000000000000000000000000000000000815260048101889052602401610530565b60ff861660641480159061066e575060ff861615155b156106aa576040517f5426171600000000000000000000000000000000000000000000000000000000815260ff87166004820152602401610530565b5f8490036106e4576040517fd64becfd00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6106ee85856112f2565b5f87815260036020908152604080832033845290915290208054610100900467ffffffffffffffff1615610757576040517fe7ddafdd00000000000000000000000000000000000000000000000000000000815260048101899052336024820152604401610530565b805467ffffffffffffffff4316610100027fffffffffffffffffffffffffffffffffffffffffffffff00000000000000000090911660ff8916171781556001810184905560028101839055600381016107b1868883611c18565b50815460405189919033907ff224d3d5ad74301be48e4d51ca5f1b24c7946875887327585becc59165297dcf906107f1908c908c908c908c908c90611d76565b60405180910390a45050505050505050565b5f61080d8361133f565b61081783836113f9565b9392505050565b6108278261133f565b3373ffffffffffffffffffffffffffffffffffffffff821603610879576040517f81851ccf00000000000000000000000000000000000000000000000000000000815260048101839052602401610530565b5f8281526020819052604080822060010180547fffffffffffffffffffffffff00000000000000000000000000000000000000001673ffffffffffffffffffffffffffffffffffffffff851690811790915590519091339185917f23e311426f4c209dca2b46aeae2997ac30e6a36cd8111038f39d4d94925ac50c91a45050565b5f818152600160205260409020805480610943576040517f9c3f28cc00000000000000000000000000000000000000000000000000000000815260048101849052602401610530565b61094c8161133f565b6001820154640100000000900460ff1615610996576040517f9d2c66e000000000000000000000000000000000000000000000000000000000815260048101849052602401610530565b60018201805467ffffffffffffffff43166d0100000000000000000000000000027fffffffffffffffffffffff0000000000000000ffffffffffffffff00ffffffff90911617640100000000179055604051819084907f96a4e4e977d009295b81d0ca129df178d1e2fcb166e32d10d0a96aef32b9f4ad905f90a3505050565b610a516040518060a001604052805f60ff1681526020015f67ffffffffffffffff1681526020015f81526020015f8152602001606081525090565b5f83815260036020818152604080842073ffffffffffffffffffffffffffffffffffffffff87168552825292839020835160a081018552815460ff81168252610100900467ffffffffffffffff1692810192909252600181015493820193909352600283015460608201529082018054919291608084019190610ad390611b44565b80601f0160208091040260200160405190810160405280929190818152602001828054610aff90611b44565b8015610b4a5780601f10610b2157610100808354040283529160200191610b4a565b820191905f5260205f20905b815481529060010190602001808311610b2d57829003601f168201915b505050505081525050905092915050565b610be76040518061018001604052805f81526020015f63ffffffff1681526020015f151581526020015f67ffffffffffffffff1681526020015f67ffffffffffffffff1681526020015f73ffffffffffffffffffffffffffffffffffffffff1681526020015f81526020015f81526020015f81526020015f815260200160608152602001606081525090565b5f82815260016020818152604092839020835161018081018552815481529281015463ffffffff81169284019290925260ff64010000000083041615159383019390935267ffffffffffffffff650100000000008204811660608401526d0100000000000000000000000000909104166080820152600282015473ffffffffffffffffffffffffffffffffffffffff1660a0820152600382015460c0820152600482015460e08201526005820154610100820152600682015461012082015260078201805491929161014084019190610cbf90611b44565b80601f0160208091040260200160405190810160405280929190818152602001828054610ceb90611b44565b8015610d365780601f10610d0d57610100808354040283529160200191610d36565b820191905f5260205f20905b815481529060010190602001808311610d1957829003601f168201915b50505050508152602001600882018054610d4f90611b44565b80601f0160208091040260200160405190810160405280929190818152602001828054610d7b90611b44565b8015610dc65780601f10610d9d57610100808354040283529160200191610dc6565b820191905f5260205f20905b815481529060010190602001808311610da957829003601f168201915b50505091909252505081519192506105399050576040517f9c3f28cc00000000000000000000000000000000000000000000000000000000815260048101839052602401610530565b5f818152602081905260409020805473ffffffffffffffffffffffffffffffffffffffff16610e6d576040517fa2dc062500000000000000000000000000000000000000000000000000000000815260048101839052602401610530565b600181015473ffffffffffffffffffffffffffffffffffffffff161580610eae5750600181015473ffffffffffffffffffffffffffffffffffffffff163314155b15610eee576040517fe0138de300000000000000000000000000000000000000000000000000000000815260048101839052336024820152604401610530565b8054337fffffffffffffffffffffffff000000000000000000000000000000000000000080831682178455600184018054909116905560405173ffffffffffffffffffffffffffffffffffffffff90921691829085907f79dbc533b024626ed89fa7eba8f1462d66433ed3cfb5091e6d5a27aa78137220905f90a4505050565b5f5f610f7a33856112c2565b5f8181526020819052604090205490925073ffffffffffffffffffffffffffffffffffffffff1615610fdb576040517f2486e84c00000000000000000000000000000000000000000000000000000000815260048101839052602401610530565b5f828152602081815260409182902080547fffffffffffffffffffffffff00000000000000000000000000000000000000001633908117909155915186815284917f02bd55e59b7beba8ff4751d152394a70402b39f777bb765c825d9fe13e277821910160405180910390a361105182846113f9565b90509250929050565b5f85815260016020526040812080546110a2576040517f9c3f28cc00000000000000000000000000000000000000000000000000000000815260048101889052602401610530565b6001810154640100000000900460ff16156110ec576040517f9d2c66e000000000000000000000000000000000000000000000000000000000815260048101889052602401610530565b8515806110f7575084155b1561112e576040517f506f3a1b00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6111388484611675565b6040805160208082018a9052818301899052606080830189905283518084039091018152608090920190925280519101205f81815260026020526040902060038101549193509073ffffffffffffffffffffffffffffffffffffffff16156111cf576040517f3526b74f00000000000000000000000000000000000000000000000000000000815260048101849052602401610530565b87815560018101879055600281018690556003810180547fffffffff0000000000000000000000000000000000000000000000000000000016337fffffffff0000000000000000ffffffffffffffffffffffffffffffffffffffff1617740100000000000000000000000000000000000000004367ffffffffffffffff160217905560048101611260858783611c18565b503373ffffffffffffffffffffffffffffffffffffffff1688847f3e6fe9395ea2ea8c6a38cd28fd77e2c15b4b2e5b8bd2ac06db17e389a345e7178a8a8a8a6040516112af9493929190611da6565b60405180910390a4505095945050505050565b6040805173ffffffffffffffffffffffffffffffffffffffff841660208201529081018290525f90606001610358565b8061020081111561133a576040517fa99e90bb000000000000000000000000000000000000000000000000000000008152600481018290526102006024820152604401610530565b505050565b5f8181526020819052604090205473ffffffffffffffffffffffffffffffffffffffff168061139d576040517fa2dc062500000000000000000000000000000000000000000000000000000000815260048101839052602401610530565b73ffffffffffffffffffffffffffffffffffffffff811633146113f5576040517fc0d87d6b00000000000000000000000000000000000000000000000000000000815260048101839052336024820152604401610530565b5050565b5f8135158061140a57506020820135155b8061141757506040820135155b8061142457506060820135155b1561145b576040517f506f3a1b00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b61147061146b6080840184611dcf565b611675565b61148561148060a0840184611dcf565b6112f2565b5f838152602081905260408120546114bc9074010000000000000000000000000000000000000000900463ffffffff166001611e30565b5f85815260208190526040902080547fffffffffffffffff00000000ffffffffffffffffffffffffffffffffffffffff167401000000000000000000000000000000000000000063ffffffff841602179055905061151a8482610335565b5f81815260016020818152604092839020888155918201805467ffffffffffffffff431665010000000000027fffffffffffffffffffffffffffffffffffffff0000000000000000ff0000000090911663ffffffff8816171790556002820180547fffffffffffffffffffffffff00000000000000000000000000000000000000001633179055863560038301558601356004820155908501356005820155606085013560068201559092506115d36080850185611dcf565b60078301916115e3919083611c18565b506115f160a0850185611dcf565b6008830191611601919083611c18565b50833585847fe037c46dfd6a5152d973389074f86fda015641b1d6642b355af23d69d14471e085602089013560408a013560608b013561164460808d018d611dcf565b61165160a08f018f611dcf565b604051611665989796959493929190611e71565b60405180910390a4505092915050565b805f8190036116b0576040517f6d91186300000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b608081111561133a576040517f623f0df90000000000000000000000000000000000000000000000000000000081526004810182905260806024820152604401610530565b5f5f60408385031215611706575f5ffd5b82359150602083013563ffffffff81168114611720575f5ffd5b809150509250929050565b5f6020828403121561173b575f5ffd5b5035919050565b5f81518084528060208401602086015e5f6020828601015260207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f83011685010191505092915050565b6020815281516020820152602082015160408201526040820151606082015273ffffffffffffffffffffffffffffffffffffffff606083015116608082015267ffffffffffffffff60808301511660a08201525f60a083015160c0808401526117fa60e0840182611742565b949350505050565b5f5f83601f840112611812575f5ffd5b50813567ffffffffffffffff811115611829575f5ffd5b602083019150836020828501011115611840575f5ffd5b9250929050565b5f5f5f5f5f5f60a0878903121561185c575f5ffd5b86359550602087013560ff81168114611873575f5ffd5b9450604087013567ffffffffffffffff81111561188e575f5ffd5b61189a89828a01611802565b979a9699509760608101359660809091013595509350505050565b5f5f604083850312156118c6575f5ffd5b82359150602083013567ffffffffffffffff8111156118e3575f5ffd5b830160c08186031215611720575f5ffd5b803573ffffffffffffffffffffffffffffffffffffffff81168114610539575f5ffd5b5f5f60408385031215611928575f5ffd5b82359150611051602084016118f4565b5f5f5f6060848603121561194a575f5ffd5b505081359360208301359350604090920135919050565b6020815260ff825116602082015267ffffffffffffffff602083015116604082015260408201516060820152606082015160808201525f608083015160a0808401526117fa60c0840182611742565b60208152815160208201525f60208301516119d3604084018263ffffffff169052565b506040830151801515606084015250606083015167ffffffffffffffff8116608084015250608083015167ffffffffffffffff811660a08401525060a083015173ffffffffffffffffffffffffffffffffffffffff811660c08401525060c083015160e083015260e0830151610100830152610100830151610120830152610120830151610140830152610140830151610180610160840152611a7a6101a0840182611742565b90506101608401517fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe084830301610180850152611ab78282611742565b95945050505050565b5f5f5f5f5f60808688031215611ad4575f5ffd5b853594506020860135935060408601359250606086013567ffffffffffffffff811115611aff575f5ffd5b611b0b88828901611802565b969995985093965092949392505050565b5f5f60408385031215611b2d575f5ffd5b611b36836118f4565b946020939093013593505050565b600181811c90821680611b5857607f821691505b602082108103611b8f577f4e487b71000000000000000000000000000000000000000000000000000000005f52602260045260245ffd5b50919050565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b601f82111561133a578282111561133a57805f5260205f20601f840160051c6020851015611bed57505f5b90810190601f840160051c035f5b81811015611c10575f83820155600101611bfb565b505050505050565b67ffffffffffffffff831115611c3057611c30611b95565b611c4483611c3e8354611b44565b83611bc2565b5f601f841160018114611c94575f8515611c5e5750838201355b7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff600387901b1c1916600186901b178355611d28565b5f838152602081207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe08716915b82811015611ce15786850135825560209485019460019092019101611cc1565b5086821015611d1c577fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff60f88860031b161c19848701351681555b505060018560011b0183555b5050505050565b81835281816020850137505f602082840101525f60207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f840116840101905092915050565b60ff86168152608060208201525f611d92608083018688611d2f565b604083019490945250606001529392505050565b848152836020820152606060408201525f611dc5606083018486611d2f565b9695505050505050565b5f5f83357fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe1843603018112611e02575f5ffd5b83018035915067ffffffffffffffff821115611e1c575f5ffd5b602001915036819003821315611840575f5ffd5b63ffffffff8181168382160190811115610371577f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b63ffffffff8916815287602082015286604082015285606082015260c060808201525f611ea260c083018688611d2f565b82810360a0840152611eb5818587611d2f565b9b9a505050505050505050505056",
}

// ZkllmRegistry is an auto generated Go binding around an Ethereum contract.
type ZkllmRegistry struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *ZkllmRegistry) GetABI() abi.ABI {
	return c.abi
}

// NewZkllmRegistry creates a new instance of ZkllmRegistry.
func NewZkllmRegistry() *ZkllmRegistry {
	parsed, err := ZkllmRegistryMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &ZkllmRegistry{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *ZkllmRegistry) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackMAXCIDLENGTH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa82da60d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_CID_LENGTH() view returns(uint256)
func (zkllmRegistry *ZkllmRegistry) PackMAXCIDLENGTH() []byte {
	enc, err := zkllmRegistry.abi.Pack("MAX_CID_LENGTH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXCIDLENGTH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa82da60d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_CID_LENGTH() view returns(uint256)
func (zkllmRegistry *ZkllmRegistry) TryPackMAXCIDLENGTH() ([]byte, error) {
	return zkllmRegistry.abi.Pack("MAX_CID_LENGTH")
}

// UnpackMAXCIDLENGTH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa82da60d.
//
// Solidity: function MAX_CID_LENGTH() view returns(uint256)
func (zkllmRegistry *ZkllmRegistry) UnpackMAXCIDLENGTH(data []byte) (*big.Int, error) {
	out, err := zkllmRegistry.abi.Unpack("MAX_CID_LENGTH", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMAXURILENGTH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xaab5a877.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_URI_LENGTH() view returns(uint256)
func (zkllmRegistry *ZkllmRegistry) PackMAXURILENGTH() []byte {
	enc, err := zkllmRegistry.abi.Pack("MAX_URI_LENGTH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXURILENGTH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xaab5a877.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_URI_LENGTH() view returns(uint256)
func (zkllmRegistry *ZkllmRegistry) TryPackMAXURILENGTH() ([]byte, error) {
	return zkllmRegistry.abi.Pack("MAX_URI_LENGTH")
}

// UnpackMAXURILENGTH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xaab5a877.
//
// Solidity: function MAX_URI_LENGTH() view returns(uint256)
func (zkllmRegistry *ZkllmRegistry) UnpackMAXURILENGTH(data []byte) (*big.Int, error) {
	out, err := zkllmRegistry.abi.Unpack("MAX_URI_LENGTH", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackRESPONSEINVALID is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1d044ab7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function RESPONSE_INVALID() view returns(uint8)
func (zkllmRegistry *ZkllmRegistry) PackRESPONSEINVALID() []byte {
	enc, err := zkllmRegistry.abi.Pack("RESPONSE_INVALID")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRESPONSEINVALID is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1d044ab7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function RESPONSE_INVALID() view returns(uint8)
func (zkllmRegistry *ZkllmRegistry) TryPackRESPONSEINVALID() ([]byte, error) {
	return zkllmRegistry.abi.Pack("RESPONSE_INVALID")
}

// UnpackRESPONSEINVALID is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1d044ab7.
//
// Solidity: function RESPONSE_INVALID() view returns(uint8)
func (zkllmRegistry *ZkllmRegistry) UnpackRESPONSEINVALID(data []byte) (uint8, error) {
	out, err := zkllmRegistry.abi.Unpack("RESPONSE_INVALID", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackRESPONSEVALID is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7fb1d18a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function RESPONSE_VALID() view returns(uint8)
func (zkllmRegistry *ZkllmRegistry) PackRESPONSEVALID() []byte {
	enc, err := zkllmRegistry.abi.Pack("RESPONSE_VALID")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRESPONSEVALID is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7fb1d18a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function RESPONSE_VALID() view returns(uint8)
func (zkllmRegistry *ZkllmRegistry) TryPackRESPONSEVALID() ([]byte, error) {
	return zkllmRegistry.abi.Pack("RESPONSE_VALID")
}

// UnpackRESPONSEVALID is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7fb1d18a.
//
// Solidity: function RESPONSE_VALID() view returns(uint8)
func (zkllmRegistry *ZkllmRegistry) UnpackRESPONSEVALID(data []byte) (uint8, error) {
	out, err := zkllmRegistry.abi.Unpack("RESPONSE_VALID", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackAcceptModelOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb0031889.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function acceptModelOwnership(bytes32 modelKey) returns()
func (zkllmRegistry *ZkllmRegistry) PackAcceptModelOwnership(modelKey [32]byte) []byte {
	enc, err := zkllmRegistry.abi.Pack("acceptModelOwnership", modelKey)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAcceptModelOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb0031889.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function acceptModelOwnership(bytes32 modelKey) returns()
func (zkllmRegistry *ZkllmRegistry) TryPackAcceptModelOwnership(modelKey [32]byte) ([]byte, error) {
	return zkllmRegistry.abi.Pack("acceptModelOwnership", modelKey)
}

// PackAnchorProof is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc391d53e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function anchorProof(bytes32 versionId, bytes32 statementDigest, bytes32 proofDigest, string proofCid) returns(bytes32 proofKey)
func (zkllmRegistry *ZkllmRegistry) PackAnchorProof(versionId [32]byte, statementDigest [32]byte, proofDigest [32]byte, proofCid string) []byte {
	enc, err := zkllmRegistry.abi.Pack("anchorProof", versionId, statementDigest, proofDigest, proofCid)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAnchorProof is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc391d53e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function anchorProof(bytes32 versionId, bytes32 statementDigest, bytes32 proofDigest, string proofCid) returns(bytes32 proofKey)
func (zkllmRegistry *ZkllmRegistry) TryPackAnchorProof(versionId [32]byte, statementDigest [32]byte, proofDigest [32]byte, proofCid string) ([]byte, error) {
	return zkllmRegistry.abi.Pack("anchorProof", versionId, statementDigest, proofDigest, proofCid)
}

// UnpackAnchorProof is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc391d53e.
//
// Solidity: function anchorProof(bytes32 versionId, bytes32 statementDigest, bytes32 proofDigest, string proofCid) returns(bytes32 proofKey)
func (zkllmRegistry *ZkllmRegistry) UnpackAnchorProof(data []byte) ([32]byte, error) {
	out, err := zkllmRegistry.abi.Unpack("anchorProof", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackGetAttestation is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x81fa7ec7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getAttestation(bytes32 proofKey, address validator) view returns((uint8,uint64,bytes32,bytes32,string))
func (zkllmRegistry *ZkllmRegistry) PackGetAttestation(proofKey [32]byte, validator common.Address) []byte {
	enc, err := zkllmRegistry.abi.Pack("getAttestation", proofKey, validator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetAttestation is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x81fa7ec7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getAttestation(bytes32 proofKey, address validator) view returns((uint8,uint64,bytes32,bytes32,string))
func (zkllmRegistry *ZkllmRegistry) TryPackGetAttestation(proofKey [32]byte, validator common.Address) ([]byte, error) {
	return zkllmRegistry.abi.Pack("getAttestation", proofKey, validator)
}

// UnpackGetAttestation is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x81fa7ec7.
//
// Solidity: function getAttestation(bytes32 proofKey, address validator) view returns((uint8,uint64,bytes32,bytes32,string))
func (zkllmRegistry *ZkllmRegistry) UnpackGetAttestation(data []byte) (ZkllmRegistryAttestation, error) {
	out, err := zkllmRegistry.abi.Unpack("getAttestation", data)
	if err != nil {
		return *new(ZkllmRegistryAttestation), err
	}
	out0 := *abi.ConvertType(out[0], new(ZkllmRegistryAttestation)).(*ZkllmRegistryAttestation)
	return out0, nil
}

// PackGetModel is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x21e7c498.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getModel(bytes32 modelKey) view returns((address,uint32,address) m)
func (zkllmRegistry *ZkllmRegistry) PackGetModel(modelKey [32]byte) []byte {
	enc, err := zkllmRegistry.abi.Pack("getModel", modelKey)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetModel is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x21e7c498.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getModel(bytes32 modelKey) view returns((address,uint32,address) m)
func (zkllmRegistry *ZkllmRegistry) TryPackGetModel(modelKey [32]byte) ([]byte, error) {
	return zkllmRegistry.abi.Pack("getModel", modelKey)
}

// UnpackGetModel is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x21e7c498.
//
// Solidity: function getModel(bytes32 modelKey) view returns((address,uint32,address) m)
func (zkllmRegistry *ZkllmRegistry) UnpackGetModel(data []byte) (ZkllmRegistryModel, error) {
	out, err := zkllmRegistry.abi.Unpack("getModel", data)
	if err != nil {
		return *new(ZkllmRegistryModel), err
	}
	out0 := *abi.ConvertType(out[0], new(ZkllmRegistryModel)).(*ZkllmRegistryModel)
	return out0, nil
}

// PackGetProof is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1b80bb3a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getProof(bytes32 proofKey) view returns((bytes32,bytes32,bytes32,address,uint64,string) p)
func (zkllmRegistry *ZkllmRegistry) PackGetProof(proofKey [32]byte) []byte {
	enc, err := zkllmRegistry.abi.Pack("getProof", proofKey)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetProof is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1b80bb3a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getProof(bytes32 proofKey) view returns((bytes32,bytes32,bytes32,address,uint64,string) p)
func (zkllmRegistry *ZkllmRegistry) TryPackGetProof(proofKey [32]byte) ([]byte, error) {
	return zkllmRegistry.abi.Pack("getProof", proofKey)
}

// UnpackGetProof is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1b80bb3a.
//
// Solidity: function getProof(bytes32 proofKey) view returns((bytes32,bytes32,bytes32,address,uint64,string) p)
func (zkllmRegistry *ZkllmRegistry) UnpackGetProof(data []byte) (ZkllmRegistryProof, error) {
	out, err := zkllmRegistry.abi.Unpack("getProof", data)
	if err != nil {
		return *new(ZkllmRegistryProof), err
	}
	out0 := *abi.ConvertType(out[0], new(ZkllmRegistryProof)).(*ZkllmRegistryProof)
	return out0, nil
}

// PackGetVersion is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9aaf9f08.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getVersion(bytes32 versionId) view returns((bytes32,uint32,bool,uint64,uint64,address,bytes32,bytes32,bytes32,bytes32,string,string) v)
func (zkllmRegistry *ZkllmRegistry) PackGetVersion(versionId [32]byte) []byte {
	enc, err := zkllmRegistry.abi.Pack("getVersion", versionId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetVersion is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9aaf9f08.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getVersion(bytes32 versionId) view returns((bytes32,uint32,bool,uint64,uint64,address,bytes32,bytes32,bytes32,bytes32,string,string) v)
func (zkllmRegistry *ZkllmRegistry) TryPackGetVersion(versionId [32]byte) ([]byte, error) {
	return zkllmRegistry.abi.Pack("getVersion", versionId)
}

// UnpackGetVersion is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9aaf9f08.
//
// Solidity: function getVersion(bytes32 versionId) view returns((bytes32,uint32,bool,uint64,uint64,address,bytes32,bytes32,bytes32,bytes32,string,string) v)
func (zkllmRegistry *ZkllmRegistry) UnpackGetVersion(data []byte) (ZkllmRegistryVersion, error) {
	out, err := zkllmRegistry.abi.Unpack("getVersion", data)
	if err != nil {
		return *new(ZkllmRegistryVersion), err
	}
	out0 := *abi.ConvertType(out[0], new(ZkllmRegistryVersion)).(*ZkllmRegistryVersion)
	return out0, nil
}

// PackModelKeyOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd003891c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function modelKeyOf(address registrant, bytes32 salt) pure returns(bytes32)
func (zkllmRegistry *ZkllmRegistry) PackModelKeyOf(registrant common.Address, salt [32]byte) []byte {
	enc, err := zkllmRegistry.abi.Pack("modelKeyOf", registrant, salt)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackModelKeyOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd003891c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function modelKeyOf(address registrant, bytes32 salt) pure returns(bytes32)
func (zkllmRegistry *ZkllmRegistry) TryPackModelKeyOf(registrant common.Address, salt [32]byte) ([]byte, error) {
	return zkllmRegistry.abi.Pack("modelKeyOf", registrant, salt)
}

// UnpackModelKeyOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd003891c.
//
// Solidity: function modelKeyOf(address registrant, bytes32 salt) pure returns(bytes32)
func (zkllmRegistry *ZkllmRegistry) UnpackModelKeyOf(data []byte) ([32]byte, error) {
	out, err := zkllmRegistry.abi.Unpack("modelKeyOf", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackProofKeyOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7380e01f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function proofKeyOf(bytes32 versionId, bytes32 statementDigest, bytes32 proofDigest) pure returns(bytes32)
func (zkllmRegistry *ZkllmRegistry) PackProofKeyOf(versionId [32]byte, statementDigest [32]byte, proofDigest [32]byte) []byte {
	enc, err := zkllmRegistry.abi.Pack("proofKeyOf", versionId, statementDigest, proofDigest)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackProofKeyOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7380e01f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function proofKeyOf(bytes32 versionId, bytes32 statementDigest, bytes32 proofDigest) pure returns(bytes32)
func (zkllmRegistry *ZkllmRegistry) TryPackProofKeyOf(versionId [32]byte, statementDigest [32]byte, proofDigest [32]byte) ([]byte, error) {
	return zkllmRegistry.abi.Pack("proofKeyOf", versionId, statementDigest, proofDigest)
}

// UnpackProofKeyOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7380e01f.
//
// Solidity: function proofKeyOf(bytes32 versionId, bytes32 statementDigest, bytes32 proofDigest) pure returns(bytes32)
func (zkllmRegistry *ZkllmRegistry) UnpackProofKeyOf(data []byte) ([32]byte, error) {
	out, err := zkllmRegistry.abi.Unpack("proofKeyOf", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackPublishVersion is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x48303c1d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function publishVersion(bytes32 modelKey, (bytes32,bytes32,bytes32,bytes32,string,string) v) returns(bytes32 versionId)
func (zkllmRegistry *ZkllmRegistry) PackPublishVersion(modelKey [32]byte, v ZkllmRegistryVersionInput) []byte {
	enc, err := zkllmRegistry.abi.Pack("publishVersion", modelKey, v)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPublishVersion is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x48303c1d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function publishVersion(bytes32 modelKey, (bytes32,bytes32,bytes32,bytes32,string,string) v) returns(bytes32 versionId)
func (zkllmRegistry *ZkllmRegistry) TryPackPublishVersion(modelKey [32]byte, v ZkllmRegistryVersionInput) ([]byte, error) {
	return zkllmRegistry.abi.Pack("publishVersion", modelKey, v)
}

// UnpackPublishVersion is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x48303c1d.
//
// Solidity: function publishVersion(bytes32 modelKey, (bytes32,bytes32,bytes32,bytes32,string,string) v) returns(bytes32 versionId)
func (zkllmRegistry *ZkllmRegistry) UnpackPublishVersion(data []byte) ([32]byte, error) {
	out, err := zkllmRegistry.abi.Unpack("publishVersion", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackRegisterModel is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb7f66ce7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function registerModel(bytes32 salt, (bytes32,bytes32,bytes32,bytes32,string,string) v) returns(bytes32 modelKey, bytes32 versionId)
func (zkllmRegistry *ZkllmRegistry) PackRegisterModel(salt [32]byte, v ZkllmRegistryVersionInput) []byte {
	enc, err := zkllmRegistry.abi.Pack("registerModel", salt, v)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegisterModel is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb7f66ce7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function registerModel(bytes32 salt, (bytes32,bytes32,bytes32,bytes32,string,string) v) returns(bytes32 modelKey, bytes32 versionId)
func (zkllmRegistry *ZkllmRegistry) TryPackRegisterModel(salt [32]byte, v ZkllmRegistryVersionInput) ([]byte, error) {
	return zkllmRegistry.abi.Pack("registerModel", salt, v)
}

// RegisterModelOutput serves as a container for the return parameters of contract
// method RegisterModel.
type RegisterModelOutput struct {
	ModelKey  [32]byte
	VersionId [32]byte
}

// UnpackRegisterModel is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb7f66ce7.
//
// Solidity: function registerModel(bytes32 salt, (bytes32,bytes32,bytes32,bytes32,string,string) v) returns(bytes32 modelKey, bytes32 versionId)
func (zkllmRegistry *ZkllmRegistry) UnpackRegisterModel(data []byte) (RegisterModelOutput, error) {
	out, err := zkllmRegistry.abi.Unpack("registerModel", data)
	outstruct := new(RegisterModelOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.ModelKey = *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	outstruct.VersionId = *abi.ConvertType(out[1], new([32]byte)).(*[32]byte)
	return *outstruct, nil
}

// PackRevokeVersion is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6b6eab3c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revokeVersion(bytes32 versionId) returns()
func (zkllmRegistry *ZkllmRegistry) PackRevokeVersion(versionId [32]byte) []byte {
	enc, err := zkllmRegistry.abi.Pack("revokeVersion", versionId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevokeVersion is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6b6eab3c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revokeVersion(bytes32 versionId) returns()
func (zkllmRegistry *ZkllmRegistry) TryPackRevokeVersion(versionId [32]byte) ([]byte, error) {
	return zkllmRegistry.abi.Pack("revokeVersion", versionId)
}

// PackTransferModelOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5c756218.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferModelOwnership(bytes32 modelKey, address newOwner) returns()
func (zkllmRegistry *ZkllmRegistry) PackTransferModelOwnership(modelKey [32]byte, newOwner common.Address) []byte {
	enc, err := zkllmRegistry.abi.Pack("transferModelOwnership", modelKey, newOwner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferModelOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5c756218.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferModelOwnership(bytes32 modelKey, address newOwner) returns()
func (zkllmRegistry *ZkllmRegistry) TryPackTransferModelOwnership(modelKey [32]byte, newOwner common.Address) ([]byte, error) {
	return zkllmRegistry.abi.Pack("transferModelOwnership", modelKey, newOwner)
}

// PackValidationResponse is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x30e5993a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function validationResponse(bytes32 requestHash, uint8 response, string responseUri, bytes32 responseHash, bytes32 tag) returns()
func (zkllmRegistry *ZkllmRegistry) PackValidationResponse(requestHash [32]byte, response uint8, responseUri string, responseHash [32]byte, tag [32]byte) []byte {
	enc, err := zkllmRegistry.abi.Pack("validationResponse", requestHash, response, responseUri, responseHash, tag)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackValidationResponse is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x30e5993a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function validationResponse(bytes32 requestHash, uint8 response, string responseUri, bytes32 responseHash, bytes32 tag) returns()
func (zkllmRegistry *ZkllmRegistry) TryPackValidationResponse(requestHash [32]byte, response uint8, responseUri string, responseHash [32]byte, tag [32]byte) ([]byte, error) {
	return zkllmRegistry.abi.Pack("validationResponse", requestHash, response, responseUri, responseHash, tag)
}

// PackVersionIdOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x07ce1419.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function versionIdOf(bytes32 modelKey, uint32 number) pure returns(bytes32)
func (zkllmRegistry *ZkllmRegistry) PackVersionIdOf(modelKey [32]byte, number uint32) []byte {
	enc, err := zkllmRegistry.abi.Pack("versionIdOf", modelKey, number)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVersionIdOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x07ce1419.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function versionIdOf(bytes32 modelKey, uint32 number) pure returns(bytes32)
func (zkllmRegistry *ZkllmRegistry) TryPackVersionIdOf(modelKey [32]byte, number uint32) ([]byte, error) {
	return zkllmRegistry.abi.Pack("versionIdOf", modelKey, number)
}

// UnpackVersionIdOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x07ce1419.
//
// Solidity: function versionIdOf(bytes32 modelKey, uint32 number) pure returns(bytes32)
func (zkllmRegistry *ZkllmRegistry) UnpackVersionIdOf(data []byte) ([32]byte, error) {
	out, err := zkllmRegistry.abi.Unpack("versionIdOf", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// ZkllmRegistryModelOwnershipTransferStarted represents a ModelOwnershipTransferStarted event raised by the ZkllmRegistry contract.
type ZkllmRegistryModelOwnershipTransferStarted struct {
	ModelKey     [32]byte
	Owner        common.Address
	PendingOwner common.Address
	Raw          *types.Log // Blockchain specific contextual infos
}

const ZkllmRegistryModelOwnershipTransferStartedEventName = "ModelOwnershipTransferStarted"

// ContractEventName returns the user-defined event name.
func (ZkllmRegistryModelOwnershipTransferStarted) ContractEventName() string {
	return ZkllmRegistryModelOwnershipTransferStartedEventName
}

// UnpackModelOwnershipTransferStartedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ModelOwnershipTransferStarted(bytes32 indexed modelKey, address indexed owner, address indexed pendingOwner)
func (zkllmRegistry *ZkllmRegistry) UnpackModelOwnershipTransferStartedEvent(log *types.Log) (*ZkllmRegistryModelOwnershipTransferStarted, error) {
	event := "ModelOwnershipTransferStarted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != zkllmRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ZkllmRegistryModelOwnershipTransferStarted)
	if len(log.Data) > 0 {
		if err := zkllmRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range zkllmRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ZkllmRegistryModelOwnershipTransferred represents a ModelOwnershipTransferred event raised by the ZkllmRegistry contract.
type ZkllmRegistryModelOwnershipTransferred struct {
	ModelKey      [32]byte
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const ZkllmRegistryModelOwnershipTransferredEventName = "ModelOwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (ZkllmRegistryModelOwnershipTransferred) ContractEventName() string {
	return ZkllmRegistryModelOwnershipTransferredEventName
}

// UnpackModelOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ModelOwnershipTransferred(bytes32 indexed modelKey, address indexed previousOwner, address indexed newOwner)
func (zkllmRegistry *ZkllmRegistry) UnpackModelOwnershipTransferredEvent(log *types.Log) (*ZkllmRegistryModelOwnershipTransferred, error) {
	event := "ModelOwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != zkllmRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ZkllmRegistryModelOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := zkllmRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range zkllmRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ZkllmRegistryModelRegistered represents a ModelRegistered event raised by the ZkllmRegistry contract.
type ZkllmRegistryModelRegistered struct {
	ModelKey [32]byte
	Owner    common.Address
	Salt     [32]byte
	Raw      *types.Log // Blockchain specific contextual infos
}

const ZkllmRegistryModelRegisteredEventName = "ModelRegistered"

// ContractEventName returns the user-defined event name.
func (ZkllmRegistryModelRegistered) ContractEventName() string {
	return ZkllmRegistryModelRegisteredEventName
}

// UnpackModelRegisteredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ModelRegistered(bytes32 indexed modelKey, address indexed owner, bytes32 salt)
func (zkllmRegistry *ZkllmRegistry) UnpackModelRegisteredEvent(log *types.Log) (*ZkllmRegistryModelRegistered, error) {
	event := "ModelRegistered"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != zkllmRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ZkllmRegistryModelRegistered)
	if len(log.Data) > 0 {
		if err := zkllmRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range zkllmRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ZkllmRegistryProofAnchored represents a ProofAnchored event raised by the ZkllmRegistry contract.
type ZkllmRegistryProofAnchored struct {
	ProofKey        [32]byte
	VersionId       [32]byte
	Submitter       common.Address
	StatementDigest [32]byte
	ProofDigest     [32]byte
	ProofCid        string
	Raw             *types.Log // Blockchain specific contextual infos
}

const ZkllmRegistryProofAnchoredEventName = "ProofAnchored"

// ContractEventName returns the user-defined event name.
func (ZkllmRegistryProofAnchored) ContractEventName() string {
	return ZkllmRegistryProofAnchoredEventName
}

// UnpackProofAnchoredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ProofAnchored(bytes32 indexed proofKey, bytes32 indexed versionId, address indexed submitter, bytes32 statementDigest, bytes32 proofDigest, string proofCid)
func (zkllmRegistry *ZkllmRegistry) UnpackProofAnchoredEvent(log *types.Log) (*ZkllmRegistryProofAnchored, error) {
	event := "ProofAnchored"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != zkllmRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ZkllmRegistryProofAnchored)
	if len(log.Data) > 0 {
		if err := zkllmRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range zkllmRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ZkllmRegistryValidationResponse represents a ValidationResponse event raised by the ZkllmRegistry contract.
type ZkllmRegistryValidationResponse struct {
	ValidatorAddress common.Address
	AgentId          *big.Int
	RequestHash      [32]byte
	Response         uint8
	ResponseUri      string
	ResponseHash     [32]byte
	Tag              [32]byte
	Raw              *types.Log // Blockchain specific contextual infos
}

const ZkllmRegistryValidationResponseEventName = "ValidationResponse"

// ContractEventName returns the user-defined event name.
func (ZkllmRegistryValidationResponse) ContractEventName() string {
	return ZkllmRegistryValidationResponseEventName
}

// UnpackValidationResponseEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ValidationResponse(address indexed validatorAddress, uint256 indexed agentId, bytes32 indexed requestHash, uint8 response, string responseUri, bytes32 responseHash, bytes32 tag)
func (zkllmRegistry *ZkllmRegistry) UnpackValidationResponseEvent(log *types.Log) (*ZkllmRegistryValidationResponse, error) {
	event := "ValidationResponse"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != zkllmRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ZkllmRegistryValidationResponse)
	if len(log.Data) > 0 {
		if err := zkllmRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range zkllmRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ZkllmRegistryVersionPublished represents a VersionPublished event raised by the ZkllmRegistry contract.
type ZkllmRegistryVersionPublished struct {
	VersionId        [32]byte
	ModelKey         [32]byte
	ModelId          [32]byte
	Number           uint32
	SpecHash         [32]byte
	CommitmentDigest [32]byte
	SourceDigest     [32]byte
	CommitmentCid    string
	MetadataUri      string
	Raw              *types.Log // Blockchain specific contextual infos
}

const ZkllmRegistryVersionPublishedEventName = "VersionPublished"

// ContractEventName returns the user-defined event name.
func (ZkllmRegistryVersionPublished) ContractEventName() string {
	return ZkllmRegistryVersionPublishedEventName
}

// UnpackVersionPublishedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event VersionPublished(bytes32 indexed versionId, bytes32 indexed modelKey, bytes32 indexed modelId, uint32 number, bytes32 specHash, bytes32 commitmentDigest, bytes32 sourceDigest, string commitmentCid, string metadataUri)
func (zkllmRegistry *ZkllmRegistry) UnpackVersionPublishedEvent(log *types.Log) (*ZkllmRegistryVersionPublished, error) {
	event := "VersionPublished"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != zkllmRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ZkllmRegistryVersionPublished)
	if len(log.Data) > 0 {
		if err := zkllmRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range zkllmRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ZkllmRegistryVersionRevoked represents a VersionRevoked event raised by the ZkllmRegistry contract.
type ZkllmRegistryVersionRevoked struct {
	VersionId [32]byte
	ModelKey  [32]byte
	Raw       *types.Log // Blockchain specific contextual infos
}

const ZkllmRegistryVersionRevokedEventName = "VersionRevoked"

// ContractEventName returns the user-defined event name.
func (ZkllmRegistryVersionRevoked) ContractEventName() string {
	return ZkllmRegistryVersionRevokedEventName
}

// UnpackVersionRevokedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event VersionRevoked(bytes32 indexed versionId, bytes32 indexed modelKey)
func (zkllmRegistry *ZkllmRegistry) UnpackVersionRevokedEvent(log *types.Log) (*ZkllmRegistryVersionRevoked, error) {
	event := "VersionRevoked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != zkllmRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ZkllmRegistryVersionRevoked)
	if len(log.Data) > 0 {
		if err := zkllmRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range zkllmRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (zkllmRegistry *ZkllmRegistry) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], zkllmRegistry.abi.Errors["AlreadyAttested"].ID.Bytes()[:4]) {
		return zkllmRegistry.UnpackAlreadyAttestedError(raw[4:])
	}
	if bytes.Equal(raw[:4], zkllmRegistry.abi.Errors["CidTooLong"].ID.Bytes()[:4]) {
		return zkllmRegistry.UnpackCidTooLongError(raw[4:])
	}
	if bytes.Equal(raw[:4], zkllmRegistry.abi.Errors["EmptyCid"].ID.Bytes()[:4]) {
		return zkllmRegistry.UnpackEmptyCidError(raw[4:])
	}
	if bytes.Equal(raw[:4], zkllmRegistry.abi.Errors["EmptyUri"].ID.Bytes()[:4]) {
		return zkllmRegistry.UnpackEmptyUriError(raw[4:])
	}
	if bytes.Equal(raw[:4], zkllmRegistry.abi.Errors["InvalidResponse"].ID.Bytes()[:4]) {
		return zkllmRegistry.UnpackInvalidResponseError(raw[4:])
	}
	if bytes.Equal(raw[:4], zkllmRegistry.abi.Errors["ModelExists"].ID.Bytes()[:4]) {
		return zkllmRegistry.UnpackModelExistsError(raw[4:])
	}
	if bytes.Equal(raw[:4], zkllmRegistry.abi.Errors["NotModelOwner"].ID.Bytes()[:4]) {
		return zkllmRegistry.UnpackNotModelOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], zkllmRegistry.abi.Errors["NotPendingOwner"].ID.Bytes()[:4]) {
		return zkllmRegistry.UnpackNotPendingOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], zkllmRegistry.abi.Errors["ProofExists"].ID.Bytes()[:4]) {
		return zkllmRegistry.UnpackProofExistsError(raw[4:])
	}
	if bytes.Equal(raw[:4], zkllmRegistry.abi.Errors["SameOwner"].ID.Bytes()[:4]) {
		return zkllmRegistry.UnpackSameOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], zkllmRegistry.abi.Errors["UnknownModel"].ID.Bytes()[:4]) {
		return zkllmRegistry.UnpackUnknownModelError(raw[4:])
	}
	if bytes.Equal(raw[:4], zkllmRegistry.abi.Errors["UnknownProof"].ID.Bytes()[:4]) {
		return zkllmRegistry.UnpackUnknownProofError(raw[4:])
	}
	if bytes.Equal(raw[:4], zkllmRegistry.abi.Errors["UnknownVersion"].ID.Bytes()[:4]) {
		return zkllmRegistry.UnpackUnknownVersionError(raw[4:])
	}
	if bytes.Equal(raw[:4], zkllmRegistry.abi.Errors["UriTooLong"].ID.Bytes()[:4]) {
		return zkllmRegistry.UnpackUriTooLongError(raw[4:])
	}
	if bytes.Equal(raw[:4], zkllmRegistry.abi.Errors["VersionIsRevoked"].ID.Bytes()[:4]) {
		return zkllmRegistry.UnpackVersionIsRevokedError(raw[4:])
	}
	if bytes.Equal(raw[:4], zkllmRegistry.abi.Errors["ZeroDigest"].ID.Bytes()[:4]) {
		return zkllmRegistry.UnpackZeroDigestError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// ZkllmRegistryAlreadyAttested represents a AlreadyAttested error raised by the ZkllmRegistry contract.
type ZkllmRegistryAlreadyAttested struct {
	ProofKey  [32]byte
	Validator common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyAttested(bytes32 proofKey, address validator)
func ZkllmRegistryAlreadyAttestedErrorID() common.Hash {
	return common.HexToHash("0xe7ddafdd11eb77af6832da54626e21d1712fff49b4ce9878b384cb8f2f87967a")
}

// UnpackAlreadyAttestedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyAttested(bytes32 proofKey, address validator)
func (zkllmRegistry *ZkllmRegistry) UnpackAlreadyAttestedError(raw []byte) (*ZkllmRegistryAlreadyAttested, error) {
	out := new(ZkllmRegistryAlreadyAttested)
	if err := zkllmRegistry.abi.UnpackIntoInterface(out, "AlreadyAttested", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ZkllmRegistryCidTooLong represents a CidTooLong error raised by the ZkllmRegistry contract.
type ZkllmRegistryCidTooLong struct {
	Length *big.Int
	Max    *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error CidTooLong(uint256 length, uint256 max)
func ZkllmRegistryCidTooLongErrorID() common.Hash {
	return common.HexToHash("0x623f0df930e288200d8dc902ddea605989ddb60801af6cf84ba8868234882af8")
}

// UnpackCidTooLongError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error CidTooLong(uint256 length, uint256 max)
func (zkllmRegistry *ZkllmRegistry) UnpackCidTooLongError(raw []byte) (*ZkllmRegistryCidTooLong, error) {
	out := new(ZkllmRegistryCidTooLong)
	if err := zkllmRegistry.abi.UnpackIntoInterface(out, "CidTooLong", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ZkllmRegistryEmptyCid represents a EmptyCid error raised by the ZkllmRegistry contract.
type ZkllmRegistryEmptyCid struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EmptyCid()
func ZkllmRegistryEmptyCidErrorID() common.Hash {
	return common.HexToHash("0x6d9118639b65fd04ffbb221c92bd5ea8e5651a1b2f629809f5988f3b5477caed")
}

// UnpackEmptyCidError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EmptyCid()
func (zkllmRegistry *ZkllmRegistry) UnpackEmptyCidError(raw []byte) (*ZkllmRegistryEmptyCid, error) {
	out := new(ZkllmRegistryEmptyCid)
	if err := zkllmRegistry.abi.UnpackIntoInterface(out, "EmptyCid", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ZkllmRegistryEmptyUri represents a EmptyUri error raised by the ZkllmRegistry contract.
type ZkllmRegistryEmptyUri struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EmptyUri()
func ZkllmRegistryEmptyUriErrorID() common.Hash {
	return common.HexToHash("0xd64becfd048bfba628197290fb2ae2dc72fe805fd3af022e36a2a5b2ecfa93f7")
}

// UnpackEmptyUriError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EmptyUri()
func (zkllmRegistry *ZkllmRegistry) UnpackEmptyUriError(raw []byte) (*ZkllmRegistryEmptyUri, error) {
	out := new(ZkllmRegistryEmptyUri)
	if err := zkllmRegistry.abi.UnpackIntoInterface(out, "EmptyUri", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ZkllmRegistryInvalidResponse represents a InvalidResponse error raised by the ZkllmRegistry contract.
type ZkllmRegistryInvalidResponse struct {
	Response uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidResponse(uint8 response)
func ZkllmRegistryInvalidResponseErrorID() common.Hash {
	return common.HexToHash("0x54261716e30acc6d8e39347955f6704f916ac24ed8a00829fa92c94b9b4e47a6")
}

// UnpackInvalidResponseError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidResponse(uint8 response)
func (zkllmRegistry *ZkllmRegistry) UnpackInvalidResponseError(raw []byte) (*ZkllmRegistryInvalidResponse, error) {
	out := new(ZkllmRegistryInvalidResponse)
	if err := zkllmRegistry.abi.UnpackIntoInterface(out, "InvalidResponse", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ZkllmRegistryModelExists represents a ModelExists error raised by the ZkllmRegistry contract.
type ZkllmRegistryModelExists struct {
	ModelKey [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ModelExists(bytes32 modelKey)
func ZkllmRegistryModelExistsErrorID() common.Hash {
	return common.HexToHash("0x2486e84c052de9ee5713d71255d16e161b570742e58700609fd2c741335e69a6")
}

// UnpackModelExistsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ModelExists(bytes32 modelKey)
func (zkllmRegistry *ZkllmRegistry) UnpackModelExistsError(raw []byte) (*ZkllmRegistryModelExists, error) {
	out := new(ZkllmRegistryModelExists)
	if err := zkllmRegistry.abi.UnpackIntoInterface(out, "ModelExists", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ZkllmRegistryNotModelOwner represents a NotModelOwner error raised by the ZkllmRegistry contract.
type ZkllmRegistryNotModelOwner struct {
	ModelKey [32]byte
	Caller   common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotModelOwner(bytes32 modelKey, address caller)
func ZkllmRegistryNotModelOwnerErrorID() common.Hash {
	return common.HexToHash("0xc0d87d6b109805e88b4c48a5b1eb97063d4bf7b08ff6a7c1dd78408e1976673a")
}

// UnpackNotModelOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotModelOwner(bytes32 modelKey, address caller)
func (zkllmRegistry *ZkllmRegistry) UnpackNotModelOwnerError(raw []byte) (*ZkllmRegistryNotModelOwner, error) {
	out := new(ZkllmRegistryNotModelOwner)
	if err := zkllmRegistry.abi.UnpackIntoInterface(out, "NotModelOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ZkllmRegistryNotPendingOwner represents a NotPendingOwner error raised by the ZkllmRegistry contract.
type ZkllmRegistryNotPendingOwner struct {
	ModelKey [32]byte
	Caller   common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotPendingOwner(bytes32 modelKey, address caller)
func ZkllmRegistryNotPendingOwnerErrorID() common.Hash {
	return common.HexToHash("0xe0138de3934238c66213c248cc2c12a1502a4c3b21077ea8a9a5210f764e0dc5")
}

// UnpackNotPendingOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotPendingOwner(bytes32 modelKey, address caller)
func (zkllmRegistry *ZkllmRegistry) UnpackNotPendingOwnerError(raw []byte) (*ZkllmRegistryNotPendingOwner, error) {
	out := new(ZkllmRegistryNotPendingOwner)
	if err := zkllmRegistry.abi.UnpackIntoInterface(out, "NotPendingOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ZkllmRegistryProofExists represents a ProofExists error raised by the ZkllmRegistry contract.
type ZkllmRegistryProofExists struct {
	ProofKey [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ProofExists(bytes32 proofKey)
func ZkllmRegistryProofExistsErrorID() common.Hash {
	return common.HexToHash("0x3526b74f2ed98c68448412fdae7521680a24047378d91f09e5871cc0b25a51e9")
}

// UnpackProofExistsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ProofExists(bytes32 proofKey)
func (zkllmRegistry *ZkllmRegistry) UnpackProofExistsError(raw []byte) (*ZkllmRegistryProofExists, error) {
	out := new(ZkllmRegistryProofExists)
	if err := zkllmRegistry.abi.UnpackIntoInterface(out, "ProofExists", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ZkllmRegistrySameOwner represents a SameOwner error raised by the ZkllmRegistry contract.
type ZkllmRegistrySameOwner struct {
	ModelKey [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SameOwner(bytes32 modelKey)
func ZkllmRegistrySameOwnerErrorID() common.Hash {
	return common.HexToHash("0x81851ccffe467e7ffa0b49e935d9cb048e8b78125d6d7ab4910485dfcbb4ff11")
}

// UnpackSameOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SameOwner(bytes32 modelKey)
func (zkllmRegistry *ZkllmRegistry) UnpackSameOwnerError(raw []byte) (*ZkllmRegistrySameOwner, error) {
	out := new(ZkllmRegistrySameOwner)
	if err := zkllmRegistry.abi.UnpackIntoInterface(out, "SameOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ZkllmRegistryUnknownModel represents a UnknownModel error raised by the ZkllmRegistry contract.
type ZkllmRegistryUnknownModel struct {
	ModelKey [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownModel(bytes32 modelKey)
func ZkllmRegistryUnknownModelErrorID() common.Hash {
	return common.HexToHash("0xa2dc0625b3fe9caa2cc8653c3bb80baa7333672dfd886a80b6343d529b2daa98")
}

// UnpackUnknownModelError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownModel(bytes32 modelKey)
func (zkllmRegistry *ZkllmRegistry) UnpackUnknownModelError(raw []byte) (*ZkllmRegistryUnknownModel, error) {
	out := new(ZkllmRegistryUnknownModel)
	if err := zkllmRegistry.abi.UnpackIntoInterface(out, "UnknownModel", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ZkllmRegistryUnknownProof represents a UnknownProof error raised by the ZkllmRegistry contract.
type ZkllmRegistryUnknownProof struct {
	ProofKey [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownProof(bytes32 proofKey)
func ZkllmRegistryUnknownProofErrorID() common.Hash {
	return common.HexToHash("0x8e8086c5f21d4cbb7bb32d964e8d7f67d969bd2a9a98f03bc7b28084a75235ad")
}

// UnpackUnknownProofError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownProof(bytes32 proofKey)
func (zkllmRegistry *ZkllmRegistry) UnpackUnknownProofError(raw []byte) (*ZkllmRegistryUnknownProof, error) {
	out := new(ZkllmRegistryUnknownProof)
	if err := zkllmRegistry.abi.UnpackIntoInterface(out, "UnknownProof", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ZkllmRegistryUnknownVersion represents a UnknownVersion error raised by the ZkllmRegistry contract.
type ZkllmRegistryUnknownVersion struct {
	VersionId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownVersion(bytes32 versionId)
func ZkllmRegistryUnknownVersionErrorID() common.Hash {
	return common.HexToHash("0x9c3f28cc16ab50fa24f8b7f95be4adb02c5793644b16cd3cb8abf4ce855daaf1")
}

// UnpackUnknownVersionError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownVersion(bytes32 versionId)
func (zkllmRegistry *ZkllmRegistry) UnpackUnknownVersionError(raw []byte) (*ZkllmRegistryUnknownVersion, error) {
	out := new(ZkllmRegistryUnknownVersion)
	if err := zkllmRegistry.abi.UnpackIntoInterface(out, "UnknownVersion", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ZkllmRegistryUriTooLong represents a UriTooLong error raised by the ZkllmRegistry contract.
type ZkllmRegistryUriTooLong struct {
	Length *big.Int
	Max    *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UriTooLong(uint256 length, uint256 max)
func ZkllmRegistryUriTooLongErrorID() common.Hash {
	return common.HexToHash("0xa99e90bb8d877f98f504ab00b31ab2316607b94c63856314e7203cc2bbd3b969")
}

// UnpackUriTooLongError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UriTooLong(uint256 length, uint256 max)
func (zkllmRegistry *ZkllmRegistry) UnpackUriTooLongError(raw []byte) (*ZkllmRegistryUriTooLong, error) {
	out := new(ZkllmRegistryUriTooLong)
	if err := zkllmRegistry.abi.UnpackIntoInterface(out, "UriTooLong", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ZkllmRegistryVersionIsRevoked represents a VersionIsRevoked error raised by the ZkllmRegistry contract.
type ZkllmRegistryVersionIsRevoked struct {
	VersionId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error VersionIsRevoked(bytes32 versionId)
func ZkllmRegistryVersionIsRevokedErrorID() common.Hash {
	return common.HexToHash("0x9d2c66e0050f73ee9afd96e360be8aa98b6b24d406a4d1cfc9150d8c826b2230")
}

// UnpackVersionIsRevokedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error VersionIsRevoked(bytes32 versionId)
func (zkllmRegistry *ZkllmRegistry) UnpackVersionIsRevokedError(raw []byte) (*ZkllmRegistryVersionIsRevoked, error) {
	out := new(ZkllmRegistryVersionIsRevoked)
	if err := zkllmRegistry.abi.UnpackIntoInterface(out, "VersionIsRevoked", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ZkllmRegistryZeroDigest represents a ZeroDigest error raised by the ZkllmRegistry contract.
type ZkllmRegistryZeroDigest struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroDigest()
func ZkllmRegistryZeroDigestErrorID() common.Hash {
	return common.HexToHash("0x506f3a1b346eda52e581752dd72ca5fc50463f2e4eb5db65f0e0390bcb3ada11")
}

// UnpackZeroDigestError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroDigest()
func (zkllmRegistry *ZkllmRegistry) UnpackZeroDigestError(raw []byte) (*ZkllmRegistryZeroDigest, error) {
	out := new(ZkllmRegistryZeroDigest)
	if err := zkllmRegistry.abi.UnpackIntoInterface(out, "ZeroDigest", raw); err != nil {
		return nil, err
	}
	return out, nil
}
