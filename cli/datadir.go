package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"github.com/zkllm/zkllm/prover/pedersen"
)

// Data directory layout.
const (
	configFileName    = "config.json"
	secretFileName    = "owner.secret"
	keystoreDirName   = "keystore"
	chainDirName      = "chain"
	ipfsDirName       = "ipfs"
	modelsDirName     = "models"
	generatorsDirName = "generators" // pinned Pedersen generator files (pedersen.UseCacheDir)
	chainEndpointFile = "chain.endpoint"
	ipfsEndpointFile  = "ipfs.endpoint"
)

// dataDir is a resolved data directory.
type dataDir struct{ root string }

func (d dataDir) path(elem ...string) string {
	return filepath.Join(append([]string{d.root}, elem...)...)
}

func (d dataDir) modelDir(name string) string { return d.path(modelsDirName, name) }

// resolveDataDir applies --data-dir / ZKLLM_DATA_DIR / ~/.zkllm.
func resolveDataDir(c *ucli.Context) (dataDir, error) {
	dir := c.String(dataDirFlag.Name)
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return dataDir{}, badInputf("no --data-dir and no home directory: %v", err)
		}
		dir = filepath.Join(home, ".zkllm")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dataDir{}, badInputf("data directory %q: %v", dir, err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return dataDir{}, badInputf("data directory %s: %v", abs, err)
	}
	// Generators are read from digest-pinned files here instead of being
	// re-derived by hash-to-curve in every process (written once per dir).
	pedersen.UseCacheDir(filepath.Join(abs, generatorsDirName))
	return dataDir{root: abs}, nil
}

// applyConfigFile sets every flag of the running command that the command
// line and the environment left unset from <data-dir>/config.json, an object
// mapping flag names to values (strings, numbers, booleans, or arrays for
// repeatable flags). Unknown keys are an error so typos do not pass silently.
func applyConfigFile(c *ucli.Context, d dataDir) error {
	b, err := os.ReadFile(d.path(configFileName))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return badInputf("config file: %v", err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return badInputf("config file %s: %v", d.path(configFileName), err)
	}
	known := flagArity(c.App)
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, ok := known[k]; !ok || k == dataDirFlag.Name {
			return badInputf("config file %s: unknown or unsupported key %q", d.path(configFileName), k)
		}
		if !commandHasFlag(c.Command, k) || c.IsSet(k) {
			continue
		}
		var values []string
		var arr []any
		var one any
		if json.Unmarshal(raw[k], &arr) == nil {
			for _, v := range arr {
				values = append(values, fmt.Sprint(v))
			}
		} else if err := json.Unmarshal(raw[k], &one); err == nil {
			values = []string{jsonScalar(one)}
		} else {
			return badInputf("config file: key %q: %v", k, err)
		}
		for _, v := range values {
			if err := c.Set(k, v); err != nil {
				return badInputf("config file: key %q: %v", k, err)
			}
		}
	}
	return nil
}

func jsonScalar(v any) string {
	switch x := v.(type) {
	case float64:
		if x == float64(int64(x)) {
			return fmt.Sprintf("%d", int64(x))
		}
		return fmt.Sprint(x)
	default:
		return fmt.Sprint(x)
	}
}

func commandHasFlag(cmd *ucli.Command, name string) bool {
	if cmd == nil {
		return false
	}
	for _, f := range cmd.Flags {
		for _, n := range f.Names() {
			if n == name {
				return true
			}
		}
	}
	return false
}

var modelNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

func validModelName(name string) error {
	if !modelNameRE.MatchString(name) {
		return badInputf("model name %q: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit", name)
	}
	return nil
}

// cleanTempFiles removes temp files a killed process may have left in dir.
func cleanTempFiles(dir string) {
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") && strings.Contains(e.Name(), ".tmp-") {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
