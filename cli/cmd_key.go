package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	ucli "github.com/urfave/cli/v2"
)

func keyCommand() *ucli.Command {
	return &ucli.Command{
		Name:  "key",
		Usage: "manage transaction keys (go-ethereum keystore in the data directory)",
		Subcommands: []*ucli.Command{
			{
				Name:  "new",
				Usage: "create a new key in the keystore",
				Description: "The password comes from --password-file, ZKLLM_KEYSTORE_PASSWORD, or a terminal prompt.\n\n" +
					"Example:\n  ZKLLM_KEYSTORE_PASSWORD=... zkllm key new",
				Flags:  flagsOf(baseFlags, []ucli.Flag{passwordFileFlag}),
				Action: action(0, writes(keyNew)),
			},
			{
				Name:      "import",
				Usage:     "import a hex private key from a file (or - for stdin, or ZKLLM_PRIVATE_KEY)",
				ArgsUsage: "[key-file | -]",
				Description: "The key is never taken from a flag value.\n\nExamples:\n" +
					"  zkllm key import ./owner.key\n  ZKLLM_PRIVATE_KEY=0x... zkllm key import",
				Flags:  flagsOf(baseFlags, []ucli.Flag{passwordFileFlag}),
				Action: action(1, writes(keyImport)),
			},
			{
				Name:        "list",
				Usage:       "list keystore accounts",
				Description: "Example:\n  zkllm key list --quiet",
				Flags:       baseFlags,
				Action:      action(0, keyList),
			},
		},
	}
}

type keyResult struct {
	Schema  string `json:"schema"`
	Address string `json:"address"`
	File    string `json:"file"`
}

func keyNew(s *session) error {
	pw, err := readPassword(s, true)
	if err != nil {
		return err
	}
	acct, err := openKeystore(s.dir).NewAccount(pw)
	if err != nil {
		return internalf("keystore: %v", err)
	}
	r := keyResult{Schema: schemaPrefix + "key-new/v1", Address: acct.Address.Hex(), File: acct.URL.Path}
	return s.out.result(r, r.Address, func(w io.Writer) {
		fmt.Fprintf(w, "address  %s\nkeyfile  %s\n", r.Address, r.File)
	})
}

func keyImport(s *session) error {
	var text string
	switch arg := s.c.Args().First(); arg {
	case "":
		v, ok := os.LookupEnv(privateKeyEnv)
		if !ok {
			return badInputf("give a key file (or -) or set %s", privateKeyEnv)
		}
		text = v
	case "-":
		b, err := io.ReadAll(io.LimitReader(os.Stdin, 4096))
		if err != nil {
			return badInputf("reading key: %v", err)
		}
		text = string(b)
	default:
		b, err := os.ReadFile(arg)
		if err != nil {
			return badInputf("key file: %v", err)
		}
		text = string(b)
	}
	key, err := parseHexKey(text)
	if err != nil {
		return badInputf("key: %v", err)
	}
	if isDevKey(key) {
		s.out.warn("this is the publicly known dev key; zkllm will only use it on dev chains")
	}
	pw, err := readPassword(s, true)
	if err != nil {
		return err
	}
	acct, err := openKeystore(s.dir).ImportECDSA(key, pw)
	if err == keystore.ErrAccountAlreadyExists {
		return badInputf("account already in the keystore")
	}
	if err != nil {
		return internalf("keystore: %v", err)
	}
	r := keyResult{Schema: schemaPrefix + "key-import/v1", Address: acct.Address.Hex(), File: acct.URL.Path}
	return s.out.result(r, r.Address, func(w io.Writer) {
		fmt.Fprintf(w, "imported %s\nkeyfile  %s\n", r.Address, r.File)
	})
}

type keyListResult struct {
	Schema   string       `json:"schema"`
	Accounts []keyAccount `json:"accounts"`
}
type keyAccount struct {
	Address string `json:"address"`
	File    string `json:"file"`
}

func keyList(s *session) error {
	r := keyListResult{Schema: schemaPrefix + "key-list/v1", Accounts: []keyAccount{}}
	for _, a := range openKeystore(s.dir).Accounts() {
		r.Accounts = append(r.Accounts, keyAccount{Address: a.Address.Hex(), File: a.URL.Path})
	}
	ess := ""
	for _, a := range r.Accounts {
		ess += a.Address + "\n"
	}
	if len(ess) > 0 {
		ess = ess[:len(ess)-1]
	}
	return s.out.result(r, ess, func(w io.Writer) {
		if len(r.Accounts) == 0 {
			fmt.Fprintln(w, "no accounts (create one with `zkllm key new`)")
		}
		for _, a := range r.Accounts {
			fmt.Fprintf(w, "%s  %s\n", a.Address, a.File)
		}
	})
}
