package sumcheck

// ProveKernel is Prove with the caller's round kernel in place of the
// generic engine (Polynomial.Kernel): the kernel holds the tables of every
// factor, E included when the instance has one, and Finals returns their
// values in the Form's factor order. An honest kernel gives the same proof
// as Prove on the same tables.
func (in *Instance) ProveKernel(p *DLCProver, k RoundKernel, claim Scalar) (*Proof, *Result, error) {
	form, err := in.Form()
	if err != nil {
		return nil, nil, err
	}
	return p.Prove(&Polynomial{Form: form, Kernel: k}, claim)
}
