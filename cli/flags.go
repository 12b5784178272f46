package cli

import (
	ucli "github.com/urfave/cli/v2"
)

// Flag categories shown in --help.
const (
	catOutput = "Output and data"
	catChain  = "Chain"
	catIPFS   = "IPFS"
	catModel  = "Model"
	catServe  = "Serving"
	catRes    = "Resources"
)

// Every flag of the tree lives here. A flag name means the same thing on every
// command that takes it (NormalizeArgs relies on that).

// Output and data directory: on every command.
var (
	dataDirFlag = &ucli.StringFlag{
		Name: "data-dir", Category: catOutput, EnvVars: []string{"ZKLLM_DATA_DIR"},
		Usage: "data directory (models, owner secret, keystore, embedded chain and IPFS store); default ~/.zkllm",
	}
	jsonFlag = &ucli.BoolFlag{
		Name: "json", Category: catOutput, EnvVars: []string{"ZKLLM_JSON"},
		Usage: "print one JSON object (with a versioned \"schema\" field) instead of text",
	}
	quietFlag = &ucli.BoolFlag{
		Name: "quiet", Aliases: []string{"q"}, Category: catOutput, EnvVars: []string{"ZKLLM_QUIET"},
		Usage: "print only the essential result (no progress, no step lines)",
	}
)

// Chain selection and transactions.
var (
	rpcURLFlag = &ucli.StringFlag{
		Name: "rpc-url", Category: catChain, EnvVars: []string{"ZKLLM_RPC_URL"},
		Usage: "Ethereum JSON-RPC endpoint (anvil, geth, ...); default: the embedded dev chain in the data directory",
	}
	contractFlag = &ucli.StringFlag{
		Name: "contract", Category: catChain, EnvVars: []string{"ZKLLM_CONTRACT"},
		Usage: "registry contract address; default on the embedded chain: the fixed dev address",
	}
	chainIDFlag = &ucli.Uint64Flag{
		Name: "chain-id", Category: catChain, EnvVars: []string{"ZKLLM_CHAIN_ID"},
		Usage: "expected chain id; refuse to run against a node reporting another one (0 = accept any)",
	}
	confirmationsFlag = &ucli.Uint64Flag{
		Name: "confirmations", Category: catChain, EnvVars: []string{"ZKLLM_CONFIRMATIONS"},
		Usage: "blocks to wait on top of a transaction's block (and read depth for auditors)",
	}
	gasPriceFlag = &ucli.StringFlag{
		Name: "gas-price", Category: catChain, EnvVars: []string{"ZKLLM_GAS_PRICE"},
		Usage: "legacy gas price in wei for every transaction (default: EIP-1559 fees from the node)",
	}
	priorityFeeFlag = &ucli.StringFlag{
		Name: "priority-fee", Category: catChain, EnvVars: []string{"ZKLLM_PRIORITY_FEE"},
		Usage: "EIP-1559 max priority fee per gas in wei (default: node suggestion)",
	}
	fromFlag = &ucli.StringFlag{
		Name: "from", Category: catChain, EnvVars: []string{"ZKLLM_FROM"},
		Usage: "keystore account to sign with (address); the key itself is never a flag: keystore, or ZKLLM_PRIVATE_KEY",
	}
	ownerFlag = &ucli.StringFlag{
		Name: "owner", Category: catChain, EnvVars: []string{"ZKLLM_OWNER"},
		Usage: "with a model id: audit the line of this owner (address); anyone can register any model id",
	}
	passwordFileFlag = &ucli.StringFlag{

		Name: "password-file", Category: catChain, EnvVars: []string{"ZKLLM_PASSWORD_FILE"},
		Usage: "file holding the keystore password (else ZKLLM_KEYSTORE_PASSWORD, else a terminal prompt)",
	}
)

// IPFS.
var (
	ipfsAPIFlag = &ucli.StringFlag{
		Name: "ipfs-api", Category: catIPFS, EnvVars: []string{"ZKLLM_IPFS_API"},
		Usage: "Kubo RPC API URL (e.g. http://127.0.0.1:5001); default: the flatfs store in the data directory",
	}
	gatewayFlag = &ucli.StringSliceFlag{
		Name: "gateway", Category: catIPFS, EnvVars: []string{"ZKLLM_GATEWAY"},
		Usage: "trustless gateway URL(s) to fetch from (repeat or comma-separate)",
	}
	ipfsTimeoutFlag = &ucli.DurationFlag{
		Name: "ipfs-timeout", Category: catIPFS, EnvVars: []string{"ZKLLM_IPFS_TIMEOUT"}, Value: defaultIPFSTimeout,
		Usage: "give up fetching a CID after this long",
	}
)

// Model selection and commit.
var (
	modelFlag = &ucli.StringFlag{
		Name: "model", Aliases: []string{"m"}, Category: catModel, EnvVars: []string{"ZKLLM_MODEL"},
		Usage: "name of an imported model (default: the only one)",
	}
	nameFlag = &ucli.StringFlag{
		Name: "name", Category: catModel,
		Usage: "name to import the model under (default: derived from the path)",
	}
	forceFlag = &ucli.BoolFlag{
		Name: "force", Category: catModel,
		Usage: "overwrite an existing entry",
	}
	noProgressFlag = &ucli.BoolFlag{
		Name: "no-progress", Category: catOutput, EnvVars: []string{"ZKLLM_NO_PROGRESS"},
		Usage: "do not draw a progress bar",
	}
	metadataURIFlag = &ucli.StringFlag{
		Name: "metadata-uri", Category: catModel,
		Usage: "metadata URI recorded with the published version",
	}
	outFlag = &ucli.StringFlag{
		Name: "out", Aliases: []string{"o"}, Category: catOutput,
		Usage: "write to this file (default: standard output)",
	}
	inFlag = &ucli.StringFlag{
		Name: "in", Aliases: []string{"i"}, Category: catOutput,
		Usage: "read from this file (default: standard input)",
	}
)

// Resources of the memory-heavy commands (prove, model commit, demo).
var (
	memoryLimitFlag = &ucli.StringFlag{
		Name: "memory-limit", Category: catRes, EnvVars: []string{"ZKLLM_MEMORY_LIMIT"}, Value: "auto",
		Usage: "soft limit for the Go heap: auto (90% of the machine's or cgroup's memory), off, a size (8GiB) or a percentage (60%); " +
			"the collector works harder near it instead of letting garbage double the peak. GOMEMLIMIT, if set, wins over auto",
	}
)

// Serving.
var (
	portFlag = &ucli.IntFlag{
		Name: "port", Category: catServe,
		Usage: "loopback port to serve on (0 = pick a free one)",
	}
)

// Flag sets attached to commands.
var (
	baseFlags  = []ucli.Flag{dataDirFlag, jsonFlag, quietFlag}
	chainFlags = []ucli.Flag{rpcURLFlag, contractFlag, chainIDFlag, confirmationsFlag}
	txFlags    = []ucli.Flag{gasPriceFlag, priorityFeeFlag, fromFlag, passwordFileFlag}
	ipfsFlags  = []ucli.Flag{ipfsAPIFlag, gatewayFlag, ipfsTimeoutFlag}
)

func flagsOf(groups ...[]ucli.Flag) []ucli.Flag {
	var out []ucli.Flag
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}
