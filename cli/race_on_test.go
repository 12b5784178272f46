//go:build race

package cli_test

// raceEnabled: the race detector inflates the test binary, and Linux counts
// a forked child's peak RSS from the parent's image, so memory bounds on
// children are only checked without -race.
const raceEnabled = true
