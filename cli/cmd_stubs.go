package cli

// Steps whose libraries have not landed yet answer "not yet available"
// (exit 4); each moves to its own file when wired.

func ensureEmbeddedContracts(s *session, cc *chainConn) (string, error) {
	return "", nil
}

func modelPublish(s *session) error  { return errNotYetAvailable("model publish (anchor, ipfsstore)") }
func modelCheck(s *session) error    { return errNotYetAvailable("model check (anchor, ipfsstore)") }
func modelRevoke(s *session) error   { return errNotYetAvailable("model revoke (anchor)") }
func modelTransfer(s *session) error { return errNotYetAvailable("model transfer (anchor)") }
