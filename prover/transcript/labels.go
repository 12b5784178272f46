package transcript

// Every transcript label of the protocol, in one place (PROTOCOL §3).
// Labels are fixed per message type; add new ones here, never build them at
// run time. Grouped by the section that uses them.
const (
	// Statement (§1.1, §3): absorbed first, in this order.
	LabelSpecHash        = "st/spec_hash"
	LabelModelID         = "st/model_id"
	LabelT               = "st/T"
	LabelP               = "st/P"
	LabelTokens          = "st/tokens"
	LabelFinalToken      = "st/s_T"
	LabelDecodeRule      = "st/decode_rule"
	LabelDecodeSeed      = "st/decode_seed"
	LabelDecodeKappa     = "st/kappa"
	LabelDecodeTopK      = "st/k_top"
	LabelPromptCommit    = "st/prompt_commit" // committed-prompt variant (§7.9)
	LabelStatementDigest = "st/digest"        // SHA-256 of the whole statement encoding (prover/proof)

	// Phase A: advice blob rows (§8.1).
	LabelAdviceRows   = "adv/rows"
	LabelAdviceLayout = "adv/layout"

	// Scalar commitments sent as claims / final evaluations (§5.2, §5.3).
	LabelClaim      = "claim/value"
	LabelFinalEvals = "sc/final"

	// Sumcheck (§5).
	LabelSumcheckClaim = "sc/claim"
	LabelSumcheckRound = "sc/round"
	LabelSumcheckRho   = "sc/rho"

	// Product proof (§4.7).
	LabelProductStatement = "prod/stmt" // X, Y, Z, absorbed by the product proof itself
	LabelProductT         = "prod/T"
	LabelProductC         = "prod/c"
	LabelProductS         = "prod/s"

	// zk-IPA (§4.5) and blob opening (§4.6).
	LabelIPAStatement = "ipa/stmt" // P_a, Y, absorbed by the IPA itself (§4.5 rev 1.2)
	LabelIPAx         = "ipa/x"
	LabelIPALR        = "ipa/LR"
	LabelIPAe         = "ipa/e"
	LabelIPAS         = "ipa/S"
	LabelIPAz         = "ipa/z"
	LabelIPAResp      = "ipa/resp"
	LabelOpenValue    = "open/y"

	// Deferred linear check (§5.2).
	LabelDLCLambda = "dlc/lambda"
	LabelDLCXi     = "dlc/xi"

	// RED and the claim pool (§5.4, §8.3).
	LabelREDMu    = "red/mu"
	LabelREDClaim = "red/claim"
	LabelPoolY    = "pool/y"

	// LogUp-GKR (§6).
	LabelGKRGamma  = "gkr/gamma"
	LabelGKRBeta   = "gkr/beta"
	LabelGKRLambda = "gkr/lambda"
	LabelGKRRho    = "gkr/rho"
	LabelGKRRoot   = "gkr/root"
	LabelGKRLayer  = "gkr/layer"
	LabelGKRLeaves = "gkr/leaves"
	LabelGKRMult   = "gkr/mult"

	// Gadget points and random combinations (§7, §8).
	LabelPointU      = "pt/u"
	LabelPointV      = "pt/v"
	LabelZeroCheckW  = "zc/w"
	LabelHadamardMu  = "had/mu"
	LabelStackMu     = "stack/mu"
	LabelCheckpointY = "ckpt/y"
	LabelCheckpointV = "ckpt/v"
	LabelRopeA       = "rope/a"
	LabelSlotValues  = "slot/y"
	LabelBatchMu     = "batch/mu"

	// Layer gadgets gA: weight matmul, q/k/v with RoPE, attn_out, FFN (§7.3, §7.5, §8.5).
	LabelMatmulW = "mm/w"     // ⟦W_m(ρ_i, u_o^m, ρ_ℓ)⟧ per weight of a fused matmul
	LabelRopeTau = "rope/tau" // RoPE's fresh τ on the pairing coordinate
	LabelFFNMu   = "ffn/mu"   // combination of the u and up claims at their common point

	// Layer gadgets gB: RMSNorm and output binding (§7.4, §7.11).
	LabelRMSNormMu = "rms/mu" // μ of the floor-sqrt zero-check
	LabelOutputMu  = "out/mu" // output binding: top-k relation weights and count/selection weights

	// Layer gadget gC: attention (causal mask, scores, zkAttn softmax, row-sum band, O) (§7.6–7.7).
	LabelAttnDigits = "attn/digits" // ⟦x_0(r)⟧, ⟦x_1(r)⟧ at the x_2 leaf point
	LabelAttnBandW  = "attn/w"      // the band's fresh row point w
	LabelAttnBandE  = "attn/e"      // ⟦e(w)⟧
	LabelAttnMu     = "attn/mu"     // weight of the band claim in the Y Hadamard
	LabelAttnKV     = "attn/kv"     // per-KV-head values of a head selection (H/H_kv not a power of two)
	LabelAttnKVFold = "attn/kvfold" // fresh point folding them

	// Owner's weight proof (§4.3 rev 1.2, prover/owner): the SHA-256 of the
	// whole vk file, after st/model_id.
	LabelVKDigest = "vk/digest"

	// Test-only labels (never used by the protocol).
	LabelTest = "test"
)
