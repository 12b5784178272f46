//go:build tools

// Package deps pins the project's direct dependencies while packages grow into them.
package deps

import (
	_ "github.com/consensys/gnark-crypto/ecc/bls12-381"
	_ "github.com/ethereum/go-ethereum/accounts/abi/abigen"
	_ "github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	_ "github.com/ethereum/go-ethereum/accounts/keystore"
	_ "github.com/ethereum/go-ethereum/eth/catalyst"
	_ "github.com/ethereum/go-ethereum/eth/filters"
	_ "github.com/ethereum/go-ethereum/ethclient"
	_ "github.com/ethereum/go-ethereum/ethclient/simulated"
	_ "github.com/ethereum/go-ethereum/node"
	_ "github.com/ipfs/boxo/blockservice"
	_ "github.com/ipfs/boxo/blockstore"
	_ "github.com/ipfs/boxo/gateway"
	_ "github.com/ipfs/boxo/ipld/unixfs/importer/balanced"
	_ "github.com/ipfs/go-ds-flatfs"
	_ "github.com/schollz/progressbar/v3"
	_ "github.com/urfave/cli/v2"
)
