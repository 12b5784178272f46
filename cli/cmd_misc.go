package cli

import (
	"fmt"
	"io"
	"runtime"

	ucli "github.com/urfave/cli/v2"

	"github.com/zkllm/zkllm/anchor"
	"github.com/zkllm/zkllm/prover/model/spec"
	"github.com/zkllm/zkllm/prover/owner"
	"github.com/zkllm/zkllm/prover/pedersen"
)

func ipfsCommand() *ucli.Command {
	return &ucli.Command{
		Name:  "ipfs",
		Usage: "the embedded IPFS store",
		Subcommands: []*ucli.Command{{
			Name:  "serve",
			Usage: "serve the data directory's IPFS store as a trustless gateway on loopback until interrupted",
			Description: "While it runs, other zkllm commands on the same data directory use it through\n" +
				"<data-dir>/ipfs.endpoint.\n\nExample:\n  zkllm ipfs serve --port 8080",
			Flags:  flagsOf(baseFlags, []ucli.Flag{portFlag}),
			Action: action(0, ipfsServe),
		}},
	}
}

func contractCommand() *ucli.Command {
	return &ucli.Command{
		Name:  "contract",
		Usage: "registry contract housekeeping",
		Subcommands: []*ucli.Command{{
			Name:        "deploy",
			Usage:       "deploy the registry contract to a node (on the embedded chain it deploys itself)",
			Description: "Example:\n  ZKLLM_PRIVATE_KEY=0x... zkllm contract deploy --rpc-url http://127.0.0.1:8545",
			Flags:       flagsOf(baseFlags, []ucli.Flag{rpcURLFlag, chainIDFlag, confirmationsFlag}, txFlags),
			Action:      action(0, contractDeploy),
		}},
	}
}

func versionCommand() *ucli.Command {
	return &ucli.Command{
		Name:        "version",
		Usage:       "print the build, the protocol and format versions and the contracts' code hashes",
		Description: "Example:\n  zkllm version --json",
		Flags:       baseFlags,
		Action:      action(0, version),
	}
}

type versionResult struct {
	Schema           string            `json:"schema"`
	Version          string            `json:"version"`
	Commit           string            `json:"commit"`
	Go               string            `json:"go"`
	Protocol         string            `json:"protocol"`
	VKFormat         uint32            `json:"vk_format"`
	GeneratorVersion uint32            `json:"generator_version"`
	Formats          map[string]string `json:"formats"`
	Contracts        map[string]string `json:"contract_code_hashes"`
}

func version(s *session) error {
	b := stateOf(s.c).build
	r := versionResult{
		Schema: schemaPrefix + "version/v1", Version: b.Version, Commit: b.Commit, Go: runtime.Version(),
		Protocol: "zkllm-go PROTOCOL v1", VKFormat: pedersen.VKVersion, GeneratorVersion: pedersen.GeneratorVersion,
		Formats: formatVersions(), Contracts: contractCodeHashes(),
	}
	return s.out.result(r, r.Version, func(w io.Writer) {
		fmt.Fprintf(w, "zkllm %s (commit %s, %s)\n", r.Version, r.Commit, r.Go)
		fmt.Fprintf(w, "protocol          %s\n", r.Protocol)
		fmt.Fprintf(w, "vk format         v%d, generators v%d\n", r.VKFormat, r.GeneratorVersion)
		for k, v := range r.Formats {
			fmt.Fprintf(w, "%-17s %s\n", k, v)
		}
		for k, v := range r.Contracts {
			fmt.Fprintf(w, "contract %-8s %s\n", k, v)
		}
	})
}

func formatVersions() map[string]string {
	return map[string]string{
		"manifest":    fmt.Sprintf("%s v%d", spec.ManifestMagic, spec.ManifestVersion),
		"spec":        fmt.Sprintf("%s v%d", spec.SpecMagic, spec.SpecVersion),
		"range proof": owner.WeightProofMagic,
		"bundle":      bundleSchema,
	}
}

func contractCodeHashes() map[string]string {
	return map[string]string{"ZkllmRegistry": anchor.RuntimeCodeHash().Hex()}
}
