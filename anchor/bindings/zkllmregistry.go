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
}

// ZkllmRegistryProof is an auto generated low-level Go binding around an user-defined struct.
type ZkllmRegistryProof struct {
	VersionId       [32]byte
	StatementDigest [32]byte
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
	ABI: "[{\"type\":\"function\",\"name\":\"MAX_CID_LENGTH\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"MAX_URI_LENGTH\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"RESPONSE_INVALID\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint8\",\"internalType\":\"uint8\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"RESPONSE_VALID\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint8\",\"internalType\":\"uint8\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"anchorProof\",\"inputs\":[{\"name\":\"versionId\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"statementDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"proofDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"proofCid\",\"type\":\"string\",\"internalType\":\"string\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"getAttestation\",\"inputs\":[{\"name\":\"proofDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"validator\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"tuple\",\"internalType\":\"structZkllmRegistry.Attestation\",\"components\":[{\"name\":\"response\",\"type\":\"uint8\",\"internalType\":\"uint8\"},{\"name\":\"blockNumber\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"responseHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"tag\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"responseUri\",\"type\":\"string\",\"internalType\":\"string\"}]}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"getModel\",\"inputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[{\"name\":\"m\",\"type\":\"tuple\",\"internalType\":\"structZkllmRegistry.Model\",\"components\":[{\"name\":\"owner\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"versionCount\",\"type\":\"uint32\",\"internalType\":\"uint32\"}]}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"getProof\",\"inputs\":[{\"name\":\"proofDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[{\"name\":\"p\",\"type\":\"tuple\",\"internalType\":\"structZkllmRegistry.Proof\",\"components\":[{\"name\":\"versionId\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"statementDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"submitter\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"blockNumber\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"proofCid\",\"type\":\"string\",\"internalType\":\"string\"}]}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"getVersion\",\"inputs\":[{\"name\":\"versionId\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[{\"name\":\"v\",\"type\":\"tuple\",\"internalType\":\"structZkllmRegistry.Version\",\"components\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"number\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"revoked\",\"type\":\"bool\",\"internalType\":\"bool\"},{\"name\":\"blockNumber\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"modelId\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"specHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"commitmentDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"sourceDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"commitmentCid\",\"type\":\"string\",\"internalType\":\"string\"},{\"name\":\"metadataUri\",\"type\":\"string\",\"internalType\":\"string\"}]}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"modelKeyOf\",\"inputs\":[{\"name\":\"registrant\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"salt\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[{\"name\":\"\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"pure\"},{\"type\":\"function\",\"name\":\"publishVersion\",\"inputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"v\",\"type\":\"tuple\",\"internalType\":\"structZkllmRegistry.VersionInput\",\"components\":[{\"name\":\"modelId\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"specHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"commitmentDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"sourceDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"commitmentCid\",\"type\":\"string\",\"internalType\":\"string\"},{\"name\":\"metadataUri\",\"type\":\"string\",\"internalType\":\"string\"}]}],\"outputs\":[{\"name\":\"versionId\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"registerModel\",\"inputs\":[{\"name\":\"salt\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"v\",\"type\":\"tuple\",\"internalType\":\"structZkllmRegistry.VersionInput\",\"components\":[{\"name\":\"modelId\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"specHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"commitmentDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"sourceDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"commitmentCid\",\"type\":\"string\",\"internalType\":\"string\"},{\"name\":\"metadataUri\",\"type\":\"string\",\"internalType\":\"string\"}]}],\"outputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"versionId\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"revokeVersion\",\"inputs\":[{\"name\":\"versionId\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"transferModelOwnership\",\"inputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"newOwner\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"validationResponse\",\"inputs\":[{\"name\":\"requestHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"response\",\"type\":\"uint8\",\"internalType\":\"uint8\"},{\"name\":\"responseUri\",\"type\":\"string\",\"internalType\":\"string\"},{\"name\":\"responseHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"tag\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"versionIdOf\",\"inputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"number\",\"type\":\"uint32\",\"internalType\":\"uint32\"}],\"outputs\":[{\"name\":\"\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"pure\"},{\"type\":\"event\",\"name\":\"ModelOwnershipTransferred\",\"inputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"previousOwner\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"newOwner\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"ModelRegistered\",\"inputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"owner\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"salt\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"ProofAnchored\",\"inputs\":[{\"name\":\"proofDigest\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"versionId\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"submitter\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"statementDigest\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"},{\"name\":\"proofCid\",\"type\":\"string\",\"indexed\":false,\"internalType\":\"string\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"ValidationResponse\",\"inputs\":[{\"name\":\"validatorAddress\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"agentId\",\"type\":\"uint256\",\"indexed\":true,\"internalType\":\"uint256\"},{\"name\":\"requestHash\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"response\",\"type\":\"uint8\",\"indexed\":false,\"internalType\":\"uint8\"},{\"name\":\"responseUri\",\"type\":\"string\",\"indexed\":false,\"internalType\":\"string\"},{\"name\":\"responseHash\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"},{\"name\":\"tag\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"VersionPublished\",\"inputs\":[{\"name\":\"versionId\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"modelKey\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"modelId\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"number\",\"type\":\"uint32\",\"indexed\":false,\"internalType\":\"uint32\"},{\"name\":\"specHash\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"},{\"name\":\"commitmentDigest\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"},{\"name\":\"sourceDigest\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"},{\"name\":\"commitmentCid\",\"type\":\"string\",\"indexed\":false,\"internalType\":\"string\"},{\"name\":\"metadataUri\",\"type\":\"string\",\"indexed\":false,\"internalType\":\"string\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"VersionRevoked\",\"inputs\":[{\"name\":\"versionId\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"modelKey\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"}],\"anonymous\":false},{\"type\":\"error\",\"name\":\"AlreadyAttested\",\"inputs\":[{\"name\":\"proofDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"validator\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"CidTooLong\",\"inputs\":[{\"name\":\"length\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"max\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EmptyCid\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"EmptyUri\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"InvalidResponse\",\"inputs\":[{\"name\":\"response\",\"type\":\"uint8\",\"internalType\":\"uint8\"}]},{\"type\":\"error\",\"name\":\"ModelExists\",\"inputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}]},{\"type\":\"error\",\"name\":\"NotModelOwner\",\"inputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"caller\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"ProofExists\",\"inputs\":[{\"name\":\"proofDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}]},{\"type\":\"error\",\"name\":\"SameOwner\",\"inputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}]},{\"type\":\"error\",\"name\":\"UnknownModel\",\"inputs\":[{\"name\":\"modelKey\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}]},{\"type\":\"error\",\"name\":\"UnknownProof\",\"inputs\":[{\"name\":\"proofDigest\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}]},{\"type\":\"error\",\"name\":\"UnknownVersion\",\"inputs\":[{\"name\":\"versionId\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}]},{\"type\":\"error\",\"name\":\"UriTooLong\",\"inputs\":[{\"name\":\"length\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"max\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"VersionIsRevoked\",\"inputs\":[{\"name\":\"versionId\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}]},{\"type\":\"error\",\"name\":\"ZeroAddress\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"ZeroDigest\",\"inputs\":[]}]",
	ID:  "ZkllmRegistry",
	Bin: "0x6080604052348015600e575f5ffd5b50611b888061001c5f395ff3fe608060405234801561000f575f5ffd5b50600436106100fb575f3560e01c80637fb1d18a11610093578063aab5a87711610063578063aab5a87714610246578063b7f66ce71461024f578063c391d53e14610277578063d003891c1461028a575f5ffd5b80637fb1d18a146101f657806381fa7ec7146101fe5780639aaf9f081461021e578063a82da60d1461023e575f5ffd5b806330e5993a116100ce57806330e5993a146101a857806348303c1d146101bd5780635c756218146101d05780636b6eab3c146101e3575f5ffd5b806307ce1419146100ff5780631b80bb3a146101255780631d044ab71461014557806321e7c4981461015e575b5f5ffd5b61011261010d366004611438565b61029d565b6040519081526020015b60405180910390f35b61013861013336600461146e565b6102df565b60405161011c91906114d1565b61014c5f81565b60405160ff909116815260200161011c565b61017161016c36600461146e565b610497565b60408051825173ffffffffffffffffffffffffffffffffffffffff16815260209283015163ffffffff16928101929092520161011c565b6101bb6101b6366004611580565b61053c565b005b6101126101cb3660046115ee565b61074a565b6101bb6101de366004611650565b610765565b6101bb6101f136600461146e565b61088b565b61014c606481565b61021161020c366004611650565b610989565b60405161011c9190611671565b61023161022c36600461146e565b610ace565b60405161011c91906116c0565b610112608081565b61011261020081565b61026261025d3660046115ee565b610d1b565b6040805192835260208301919091520161011c565b6101bb610285366004611794565b610e07565b6101126102983660046117f0565b611031565b5f82826040516020016102c092919091825263ffffffff16602082015260400190565b6040516020818303038152906040528051906020012090505b92915050565b61032d6040518060a001604052805f81526020015f81526020015f73ffffffffffffffffffffffffffffffffffffffff1681526020015f67ffffffffffffffff168152602001606081525090565b5f82815260026020818152604092839020835160a081018552815481526001820154928101929092529182015473ffffffffffffffffffffffffffffffffffffffff8116938201939093527401000000000000000000000000000000000000000090920467ffffffffffffffff1660608301526003810180546080840191906103b590611818565b80601f01602080910402602001604051908101604052809291908181526020018280546103e190611818565b801561042c5780601f106104035761010080835404028352916020019161042c565b820191905f5260205f20905b81548152906001019060200180831161040f57829003601f168201915b50505091909252505050604081015190915073ffffffffffffffffffffffffffffffffffffffff16610492576040517f8e8086c5000000000000000000000000000000000000000000000000000000008152600481018390526024015b60405180910390fd5b919050565b604080518082019091525f8082526020820152505f818152602081815260409182902082518084019093525473ffffffffffffffffffffffffffffffffffffffff81168084527401000000000000000000000000000000000000000090910463ffffffff1691830191909152610492576040517fa2dc062500000000000000000000000000000000000000000000000000000000815260048101839052602401610489565b5f8681526002602081905260409091209081015473ffffffffffffffffffffffffffffffffffffffff1661059f576040517f8e8086c500000000000000000000000000000000000000000000000000000000815260048101889052602401610489565b60ff86166064148015906105b5575060ff861615155b156105f1576040517f5426171600000000000000000000000000000000000000000000000000000000815260ff87166004820152602401610489565b5f84900361062b576040517fd64becfd00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6106358585611061565b5f87815260036020908152604080832033845290915290208054610100900467ffffffffffffffff161561069e576040517fe7ddafdd00000000000000000000000000000000000000000000000000000000815260048101899052336024820152604401610489565b805467ffffffffffffffff4316610100027fffffffffffffffffffffffffffffffffffffffffffffff00000000000000000090911660ff8916171781556001810184905560028101839055600381016106f88688836118ec565b50815460405189919033907ff224d3d5ad74301be48e4d51ca5f1b24c7946875887327585becc59165297dcf90610738908c908c908c908c908c90611a4a565b60405180910390a45050505050505050565b5f610754836110ae565b61075e8383611168565b9392505050565b61076e826110ae565b73ffffffffffffffffffffffffffffffffffffffff81166107bb576040517fd92e233d00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b3373ffffffffffffffffffffffffffffffffffffffff82160361080d576040517f81851ccf00000000000000000000000000000000000000000000000000000000815260048101839052602401610489565b5f8281526020819052604080822080547fffffffffffffffffffffffff00000000000000000000000000000000000000001673ffffffffffffffffffffffffffffffffffffffff851690811790915590519091339185917f79dbc533b024626ed89fa7eba8f1462d66433ed3cfb5091e6d5a27aa7813722091a45050565b5f8181526001602052604090208054806108d4576040517f9c3f28cc00000000000000000000000000000000000000000000000000000000815260048101849052602401610489565b6108dd816110ae565b6001820154640100000000900460ff1615610927576040517f9d2c66e000000000000000000000000000000000000000000000000000000000815260048101849052602401610489565b6001820180547fffffffffffffffffffffffffffffffffffffffffffffffffffffff00ffffffff16640100000000179055604051819084907f96a4e4e977d009295b81d0ca129df178d1e2fcb166e32d10d0a96aef32b9f4ad905f90a3505050565b6109c46040518060a001604052805f60ff1681526020015f67ffffffffffffffff1681526020015f81526020015f8152602001606081525090565b5f83815260036020818152604080842073ffffffffffffffffffffffffffffffffffffffff87168552825292839020835160a081018552815460ff81168252610100900467ffffffffffffffff1692810192909252600181015493820193909352600283015460608201529082018054919291608084019190610a4690611818565b80601f0160208091040260200160405190810160405280929190818152602001828054610a7290611818565b8015610abd5780601f10610a9457610100808354040283529160200191610abd565b820191905f5260205f20905b815481529060010190602001808311610aa057829003601f168201915b505050505081525050905092915050565b610b2e6040518061014001604052805f81526020015f63ffffffff1681526020015f151581526020015f67ffffffffffffffff1681526020015f81526020015f81526020015f81526020015f815260200160608152602001606081525090565b5f82815260016020818152604092839020835161014081018552815481529281015463ffffffff811692840192909252640100000000820460ff1615159383019390935265010000000000900467ffffffffffffffff16606082015260028201546080820152600382015460a0820152600482015460c0820152600582015460e082015260068201805491929161010084019190610bcb90611818565b80601f0160208091040260200160405190810160405280929190818152602001828054610bf790611818565b8015610c425780601f10610c1957610100808354040283529160200191610c42565b820191905f5260205f20905b815481529060010190602001808311610c2557829003601f168201915b50505050508152602001600782018054610c5b90611818565b80601f0160208091040260200160405190810160405280929190818152602001828054610c8790611818565b8015610cd25780601f10610ca957610100808354040283529160200191610cd2565b820191905f5260205f20905b815481529060010190602001808311610cb557829003601f168201915b50505091909252505081519192506104929050576040517f9c3f28cc00000000000000000000000000000000000000000000000000000000815260048101839052602401610489565b5f5f610d273385611031565b5f8181526020819052604090205490925073ffffffffffffffffffffffffffffffffffffffff1615610d88576040517f2486e84c00000000000000000000000000000000000000000000000000000000815260048101839052602401610489565b5f828152602081815260409182902080547fffffffffffffffffffffffff00000000000000000000000000000000000000001633908117909155915186815284917f02bd55e59b7beba8ff4751d152394a70402b39f777bb765c825d9fe13e277821910160405180910390a3610dfe8284611168565b90509250929050565b5f8581526001602052604090208054610e4f576040517f9c3f28cc00000000000000000000000000000000000000000000000000000000815260048101879052602401610489565b6001810154640100000000900460ff1615610e99576040517f9d2c66e000000000000000000000000000000000000000000000000000000000815260048101879052602401610489565b841580610ea4575083155b15610edb576040517f506f3a1b00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b610ee583836113b8565b5f8481526002602081905260409091209081015473ffffffffffffffffffffffffffffffffffffffff1615610f49576040517f3526b74f00000000000000000000000000000000000000000000000000000000815260048101869052602401610489565b868155600181018690556002810180547fffffffff0000000000000000000000000000000000000000000000000000000016337fffffffff0000000000000000ffffffffffffffffffffffffffffffffffffffff1617740100000000000000000000000000000000000000004367ffffffffffffffff160217905560038101610fd38486836118ec565b503373ffffffffffffffffffffffffffffffffffffffff1687867f70562da20871dad4679b1e8608a9996c8eefd92a59ebe5275218395d4627ebbb89888860405161102093929190611a7a565b60405180910390a450505050505050565b6040805173ffffffffffffffffffffffffffffffffffffffff841660208201529081018290525f906060016102c0565b806102008111156110a9576040517fa99e90bb000000000000000000000000000000000000000000000000000000008152600481018290526102006024820152604401610489565b505050565b5f8181526020819052604090205473ffffffffffffffffffffffffffffffffffffffff168061110c576040517fa2dc062500000000000000000000000000000000000000000000000000000000815260048101839052602401610489565b73ffffffffffffffffffffffffffffffffffffffff81163314611164576040517fc0d87d6b00000000000000000000000000000000000000000000000000000000815260048101839052336024820152604401610489565b5050565b5f8135158061117957506020820135155b8061118657506040820135155b8061119357506060820135155b156111ca576040517f506f3a1b00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6111df6111da6080840184611a93565b6113b8565b6111f46111ef60a0840184611a93565b611061565b5f8381526020819052604081205461122b9074010000000000000000000000000000000000000000900463ffffffff166001611af4565b5f85815260208190526040902080547fffffffffffffffff00000000ffffffffffffffffffffffffffffffffffffffff167401000000000000000000000000000000000000000063ffffffff8416021790559050611289848261029d565b5f81815260016020818152604092839020888155918201805467ffffffffffffffff431665010000000000027fffffffffffffffffffffffffffffffffffffff0000000000000000ff0000000090911663ffffffff881617179055863560028301558601356003820155908501356004820155606085013560058201559092506113166080850185611a93565b60068301916113269190836118ec565b5061133460a0850185611a93565b60078301916113449190836118ec565b50833585847fe037c46dfd6a5152d973389074f86fda015641b1d6642b355af23d69d14471e085602089013560408a013560608b013561138760808d018d611a93565b61139460a08f018f611a93565b6040516113a8989796959493929190611b35565b60405180910390a4505092915050565b805f8190036113f3576040517f6d91186300000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b60808111156110a9576040517f623f0df90000000000000000000000000000000000000000000000000000000081526004810182905260806024820152604401610489565b5f5f60408385031215611449575f5ffd5b82359150602083013563ffffffff81168114611463575f5ffd5b809150509250929050565b5f6020828403121561147e575f5ffd5b5035919050565b5f81518084528060208401602086015e5f6020828601015260207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f83011685010191505092915050565b60208152815160208201526020820151604082015273ffffffffffffffffffffffffffffffffffffffff604083015116606082015267ffffffffffffffff60608301511660808201525f608083015160a08084015261153360c0840182611485565b949350505050565b5f5f83601f84011261154b575f5ffd5b50813567ffffffffffffffff811115611562575f5ffd5b602083019150836020828501011115611579575f5ffd5b9250929050565b5f5f5f5f5f5f60a08789031215611595575f5ffd5b86359550602087013560ff811681146115ac575f5ffd5b9450604087013567ffffffffffffffff8111156115c7575f5ffd5b6115d389828a0161153b565b979a9699509760608101359660809091013595509350505050565b5f5f604083850312156115ff575f5ffd5b82359150602083013567ffffffffffffffff81111561161c575f5ffd5b830160c08186031215611463575f5ffd5b803573ffffffffffffffffffffffffffffffffffffffff81168114610492575f5ffd5b5f5f60408385031215611661575f5ffd5b82359150610dfe6020840161162d565b6020815260ff825116602082015267ffffffffffffffff602083015116604082015260408201516060820152606082015160808201525f608083015160a08084015261153360c0840182611485565b60208152815160208201525f60208301516116e3604084018263ffffffff169052565b506040830151801515606084015250606083015167ffffffffffffffff8116608084015250608083015160a083015260a083015160c083015260c083015160e083015260e083015161010083015261010083015161014061012084015261174e610160840182611485565b90506101208401517fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe08483030161014085015261178b8282611485565b95945050505050565b5f5f5f5f5f608086880312156117a8575f5ffd5b853594506020860135935060408601359250606086013567ffffffffffffffff8111156117d3575f5ffd5b6117df8882890161153b565b969995985093965092949392505050565b5f5f60408385031215611801575f5ffd5b61180a8361162d565b946020939093013593505050565b600181811c9082168061182c57607f821691505b602082108103611863577f4e487b71000000000000000000000000000000000000000000000000000000005f52602260045260245ffd5b50919050565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b601f8211156110a957828211156110a957805f5260205f20601f840160051c60208510156118c157505f5b90810190601f840160051c035f5b818110156118e4575f838201556001016118cf565b505050505050565b67ffffffffffffffff83111561190457611904611869565b611918836119128354611818565b83611896565b5f601f841160018114611968575f85156119325750838201355b7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff600387901b1c1916600186901b1783556119fc565b5f838152602081207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe08716915b828110156119b55786850135825560209485019460019092019101611995565b50868210156119f0577fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff60f88860031b161c19848701351681555b505060018560011b0183555b5050505050565b81835281816020850137505f602082840101525f60207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0601f840116840101905092915050565b60ff86168152608060208201525f611a66608083018688611a03565b604083019490945250606001529392505050565b838152604060208201525f61178b604083018486611a03565b5f5f83357fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe1843603018112611ac6575f5ffd5b83018035915067ffffffffffffffff821115611ae0575f5ffd5b602001915036819003821315611579575f5ffd5b63ffffffff81811683821601908111156102d9577f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b63ffffffff8916815287602082015286604082015285606082015260c060808201525f611b6660c083018688611a03565b82810360a0840152611b79818587611a03565b9b9a505050505050505050505056",
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

// PackAnchorProof is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc391d53e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function anchorProof(bytes32 versionId, bytes32 statementDigest, bytes32 proofDigest, string proofCid) returns()
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
// Solidity: function anchorProof(bytes32 versionId, bytes32 statementDigest, bytes32 proofDigest, string proofCid) returns()
func (zkllmRegistry *ZkllmRegistry) TryPackAnchorProof(versionId [32]byte, statementDigest [32]byte, proofDigest [32]byte, proofCid string) ([]byte, error) {
	return zkllmRegistry.abi.Pack("anchorProof", versionId, statementDigest, proofDigest, proofCid)
}

// PackGetAttestation is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x81fa7ec7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getAttestation(bytes32 proofDigest, address validator) view returns((uint8,uint64,bytes32,bytes32,string))
func (zkllmRegistry *ZkllmRegistry) PackGetAttestation(proofDigest [32]byte, validator common.Address) []byte {
	enc, err := zkllmRegistry.abi.Pack("getAttestation", proofDigest, validator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetAttestation is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x81fa7ec7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getAttestation(bytes32 proofDigest, address validator) view returns((uint8,uint64,bytes32,bytes32,string))
func (zkllmRegistry *ZkllmRegistry) TryPackGetAttestation(proofDigest [32]byte, validator common.Address) ([]byte, error) {
	return zkllmRegistry.abi.Pack("getAttestation", proofDigest, validator)
}

// UnpackGetAttestation is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x81fa7ec7.
//
// Solidity: function getAttestation(bytes32 proofDigest, address validator) view returns((uint8,uint64,bytes32,bytes32,string))
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
// Solidity: function getModel(bytes32 modelKey) view returns((address,uint32) m)
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
// Solidity: function getModel(bytes32 modelKey) view returns((address,uint32) m)
func (zkllmRegistry *ZkllmRegistry) TryPackGetModel(modelKey [32]byte) ([]byte, error) {
	return zkllmRegistry.abi.Pack("getModel", modelKey)
}

// UnpackGetModel is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x21e7c498.
//
// Solidity: function getModel(bytes32 modelKey) view returns((address,uint32) m)
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
// Solidity: function getProof(bytes32 proofDigest) view returns((bytes32,bytes32,address,uint64,string) p)
func (zkllmRegistry *ZkllmRegistry) PackGetProof(proofDigest [32]byte) []byte {
	enc, err := zkllmRegistry.abi.Pack("getProof", proofDigest)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetProof is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1b80bb3a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getProof(bytes32 proofDigest) view returns((bytes32,bytes32,address,uint64,string) p)
func (zkllmRegistry *ZkllmRegistry) TryPackGetProof(proofDigest [32]byte) ([]byte, error) {
	return zkllmRegistry.abi.Pack("getProof", proofDigest)
}

// UnpackGetProof is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1b80bb3a.
//
// Solidity: function getProof(bytes32 proofDigest) view returns((bytes32,bytes32,address,uint64,string) p)
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
// Solidity: function getVersion(bytes32 versionId) view returns((bytes32,uint32,bool,uint64,bytes32,bytes32,bytes32,bytes32,string,string) v)
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
// Solidity: function getVersion(bytes32 versionId) view returns((bytes32,uint32,bool,uint64,bytes32,bytes32,bytes32,bytes32,string,string) v)
func (zkllmRegistry *ZkllmRegistry) TryPackGetVersion(versionId [32]byte) ([]byte, error) {
	return zkllmRegistry.abi.Pack("getVersion", versionId)
}

// UnpackGetVersion is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9aaf9f08.
//
// Solidity: function getVersion(bytes32 versionId) view returns((bytes32,uint32,bool,uint64,bytes32,bytes32,bytes32,bytes32,string,string) v)
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
	ProofDigest     [32]byte
	VersionId       [32]byte
	Submitter       common.Address
	StatementDigest [32]byte
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
// Solidity: event ProofAnchored(bytes32 indexed proofDigest, bytes32 indexed versionId, address indexed submitter, bytes32 statementDigest, string proofCid)
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
	if bytes.Equal(raw[:4], zkllmRegistry.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return zkllmRegistry.UnpackZeroAddressError(raw[4:])
	}
	if bytes.Equal(raw[:4], zkllmRegistry.abi.Errors["ZeroDigest"].ID.Bytes()[:4]) {
		return zkllmRegistry.UnpackZeroDigestError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// ZkllmRegistryAlreadyAttested represents a AlreadyAttested error raised by the ZkllmRegistry contract.
type ZkllmRegistryAlreadyAttested struct {
	ProofDigest [32]byte
	Validator   common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyAttested(bytes32 proofDigest, address validator)
func ZkllmRegistryAlreadyAttestedErrorID() common.Hash {
	return common.HexToHash("0xe7ddafdd11eb77af6832da54626e21d1712fff49b4ce9878b384cb8f2f87967a")
}

// UnpackAlreadyAttestedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyAttested(bytes32 proofDigest, address validator)
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

// ZkllmRegistryProofExists represents a ProofExists error raised by the ZkllmRegistry contract.
type ZkllmRegistryProofExists struct {
	ProofDigest [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ProofExists(bytes32 proofDigest)
func ZkllmRegistryProofExistsErrorID() common.Hash {
	return common.HexToHash("0x3526b74f2ed98c68448412fdae7521680a24047378d91f09e5871cc0b25a51e9")
}

// UnpackProofExistsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ProofExists(bytes32 proofDigest)
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
	ProofDigest [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownProof(bytes32 proofDigest)
func ZkllmRegistryUnknownProofErrorID() common.Hash {
	return common.HexToHash("0x8e8086c5f21d4cbb7bb32d964e8d7f67d969bd2a9a98f03bc7b28084a75235ad")
}

// UnpackUnknownProofError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownProof(bytes32 proofDigest)
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

// ZkllmRegistryZeroAddress represents a ZeroAddress error raised by the ZkllmRegistry contract.
type ZkllmRegistryZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func ZkllmRegistryZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (zkllmRegistry *ZkllmRegistry) UnpackZeroAddressError(raw []byte) (*ZkllmRegistryZeroAddress, error) {
	out := new(ZkllmRegistryZeroAddress)
	if err := zkllmRegistry.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
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
