package inference

import "errors"

// ErrInput reports bad input (empty prompt, too long a sequence, a false
// statement).
var ErrInput = errors.New("inference: bad input")
