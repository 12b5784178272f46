//go:build !unix

package cli

import "os"

// Without flock the lock is advisory only in name: non-unix builds do not exclude writers.
func tryFlock(*os.File) error { return nil }

func unflock(*os.File) {}
