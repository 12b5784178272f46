//go:build !race

package cli_test

// raceEnabled: see race_on_test.go.
const raceEnabled = false
