package tlookup

import (
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/zkllm/zkllm/prover/field"
)

// compress returns β − (a + γ·b + γ²·τ) given γ² (PROTOCOL §6.1, §6.3).
func compress(beta, gamma, gamma2 *fr.Element, a, b, tag int64) fr.Element {
	var s, t fr.Element
	s.SetInt64(a)
	if b != 0 {
		t.SetInt64(b)
		t.Mul(&t, gamma)
		s.Add(&s, &t)
	}
	t.SetInt64(tag)
	t.Mul(&t, gamma2)
	s.Add(&s, &t)
	s.Sub(beta, &s)
	return s
}

// leaves builds the leaf vectors p and q (length 2^LogLeaves) of §6.3:
// lookup segments p = 1, q = β − (a + γb + γ²τ) (padding entries are (0,0));
// table segments p = −m, q = β − (t_in + γ·t_out + γ²τ); unused p = 0, q = 1.
func (l *Layout) leaves(w *Witness, mult [][]fr.Element, gamma, beta fr.Element) (p, q []fr.Element) {
	size := 1 << l.LogLeaves
	p = make([]fr.Element, size)
	q = make([]fr.Element, size)
	var gamma2 fr.Element
	gamma2.Square(&gamma)
	var used uint64
	for _, seg := range l.segments {
		off := int(seg.offset)
		n := 1 << seg.logSize
		used = seg.offset + uint64(n)
		tag := l.Tag(seg.table)
		if seg.lookup >= 0 {
			col := w.Columns[seg.lookup]
			pad := compress(&beta, &gamma, &gamma2, 0, 0, tag)
			var tagG fr.Element // γ²τ
			tagG.SetInt64(tag)
			tagG.Mul(&tagG, &gamma2)
			field.Parallel(n, func(lo, hi int) {
				var t fr.Element
				for j := lo; j < hi; j++ {
					p[off+j].SetOne()
					switch {
					case j >= col.len():
						q[off+j] = pad
					case col.isField():
						q[off+j].Sub(&beta, &col.InElems[j])
						if col.OutElems != nil {
							t.Mul(&col.OutElems[j], &gamma)
							q[off+j].Sub(&q[off+j], &t)
						}
						q[off+j].Sub(&q[off+j], &tagG)
					default:
						var b int64
						if col.Out != nil {
							b = col.Out[j]
						}
						q[off+j] = compress(&beta, &gamma, &gamma2, col.In[j], b, tag)
					}
				}
			})
			continue
		}
		t := l.Tables[seg.table]
		m := mult[seg.table]
		field.Parallel(n, func(lo, hi int) {
			for j := lo; j < hi; j++ {
				p[off+j].Neg(&m[j])
				q[off+j] = compress(&beta, &gamma, &gamma2, t.In(j), t.Out(j), tag)
			}
		})
	}
	for j := int(used); j < size; j++ {
		q[j].SetOne()
	}
	return p, q
}

// tree holds every layer of the fractional-sum tree: layer k has 2^k
// entries, p_k(x) = p_{k+1}(x,0)·q_{k+1}(x,1) + p_{k+1}(x,1)·q_{k+1}(x,0) and
// q_k(x) = q_{k+1}(x,0)·q_{k+1}(x,1), where (x,b) is the index x + b·2^k
// (PROTOCOL §6.4). p[n], q[n] are the leaves; p[0][0] is the root.
type tree struct {
	p, q [][]fr.Element
}

func buildTree(pLeaf, qLeaf []fr.Element, n int) *tree {
	t := &tree{p: make([][]fr.Element, n+1), q: make([][]fr.Element, n+1)}
	t.p[n], t.q[n] = pLeaf, qLeaf
	// The halves x and x + 2^k are contiguous, so each layer is three
	// element-wise vector products and one sum: gnark's fr.Vector kernels
	// (AVX-512 IFMA where the CPU has it), in parallel chunks.
	tmp := make(fr.Vector, 1<<max(n-1, 0))
	for k := n - 1; k >= 0; k-- {
		half := 1 << k
		pu, qu := t.p[k+1], t.q[k+1]
		pk := make(fr.Vector, half)
		qk := make(fr.Vector, half)
		field.Parallel(half, func(lo, hi int) {
			b := tmp[lo:hi]
			pkc := pk[lo:hi]
			pkc.Mul(pu[lo:hi], qu[half+lo:half+hi])
			b.Mul(pu[half+lo:half+hi], qu[lo:hi])
			pkc.Add(pkc, b)
			qkc := qk[lo:hi]
			qkc.Mul(qu[lo:hi], qu[half+lo:half+hi])
		})
		t.p[k], t.q[k] = pk, qk
	}
	return t
}
