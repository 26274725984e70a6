pragma circom 2.2.0;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";
include "circomlib/circuits/eddsaposeidon.circom";
include "circomlib/circuits/poseidon.circom";

// Eligibility: a patient proves that a trusted issuer signed attributes that meet a study's
// criteria, without revealing the attributes, and derives a study-specific pseudonym.
//
// Encodings (one definition: api/src/zk/eligibility-encoding.ts; a test checks they agree):
//   day numbers  days since 1900-01-01 (UTC); range-checked to DAY_BITS bits
//   sex          1 female, 2 male, 3 other, 4 unknown
//   region       3-digit ZIP prefix + 1 (1..1000), or a configured code; 0 = none
//   condition    (first 31 bytes of sha256("system|code") as an integer) + 1; 0 = empty slot
//
// Public signals, in snarkjs order: nullifier (output), criteriaHash, issuerKeyHash, studyId,
// proofDate.
//
// NOTE: the verifier (contract or API) must check that criteriaHash is the study's, that
// issuerKeyHash is a trusted issuer, that studyId is the study, and that proofDate is close
// to the current date. Everything else is proved here.

// in <= bound, both range-checked to N bits first (LessEqThan alone wraps around the field).
template BoundedLessEq(N) {
    signal input in;
    signal input bound;
    signal inBits[N] <== Num2Bits(N)(in);
    signal boundBits[N] <== Num2Bits(N)(bound);
    signal ok <== LessEqThan(N)([in, bound]);
    ok === 1;
}

// How many (value, non-empty slot) pairs are equal, and how many slots are non-empty.
// Each pair contributes 0 or 1, so `count` is 0 exactly when nothing matched.
template SlotMatches(NV, NS) {
    signal input values[NV];
    signal input slots[NS];
    signal output count;
    signal output nonEmptySlots;

    signal slotEmpty[NS];
    var filled = 0;
    for (var s = 0; s < NS; s++) {
        slotEmpty[s] <== IsZero()(slots[s]);
        filled += 1 - slotEmpty[s];
    }
    nonEmptySlots <== filled;

    signal equal[NV][NS];
    signal matched[NV][NS];
    var total = 0;
    for (var v = 0; v < NV; v++) {
        for (var s = 0; s < NS; s++) {
            equal[v][s] <== IsEqual()([values[v], slots[s]]);
            matched[v][s] <== equal[v][s] * (1 - slotEmpty[s]);
            total += matched[v][s];
        }
    }
    count <== total;
}

// Any-of with an "anything goes" list: passes if every slot is empty, or some non-empty slot
// equals one of the values.
template AnyOfOrEmpty(NV, NS) {
    signal input values[NV];
    signal input slots[NS];
    signal (count, nonEmptySlots) <== SlotMatches(NV, NS)(values, slots);
    signal noMatch <== IsZero()(count);
    signal listEmpty <== IsZero()(nonEmptySlots);
    noMatch * (1 - listEmpty) === 0;
}

// None-of: no non-empty slot equals any of the values.
template NoneOf(NV, NS) {
    signal input values[NV];
    signal input slots[NS];
    signal (count, nonEmptySlots) <== SlotMatches(NV, NS)(values, slots);
    count === 0;
}

// sex (1..4) is allowed by the 4-bit mask (bit sex-1 set).
template SexAllowed() {
    signal input sex;
    signal input mask;
    signal bits[4] <== Num2Bits(4)(mask);
    signal isSex[4];
    signal allowedBit[4];
    var allowed = 0;
    for (var i = 0; i < 4; i++) {
        isSex[i] <== IsEqual()([sex, i + 1]);
        allowedBit[i] <== isSex[i] * bits[i];
        allowed += allowedBit[i];
    }
    // At most one isSex is 1, so allowed is 0 or 1; a sex outside 1..4 gives 0.
    allowed === 1;
}

template Eligibility(N_CONDITIONS, N_REGIONS, N_CRITERIA_CONDITIONS, DAY_BITS) {
    // ---- credential (private): attributes, the issuer's signature over Poseidon(attributes)
    signal input birthDays;                   // day number, < 2^DAY_BITS
    signal input sex;                         // 1..4
    signal input region;                      // 0..2^16
    signal input conditions[N_CONDITIONS];    // encoded codes, 0 = empty
    signal input issuedDays;                  // day number
    signal input expiresDays;                 // day number
    signal input commitment;                  // Poseidon(secret)
    signal input issuerAx;                    // issuer's BabyJubJub public key
    signal input issuerAy;
    signal input sigR8x;                      // EdDSA-Poseidon signature
    signal input sigR8y;
    signal input sigS;
    // ---- the patient's secret (private)
    signal input secret;
    // ---- the study's criteria (private, committed to by criteriaHash)
    signal input windowStart;                 // earliest allowed birth day number
    signal input windowEnd;                   // latest allowed birth day number
    signal input sexMask;                     // bit i allows sex i+1
    signal input regions[N_REGIONS];          // 0 = empty; all empty = any region
    signal input required[N_CRITERIA_CONDITIONS];  // any of; all empty = no requirement
    signal input excluded[N_CRITERIA_CONDITIONS];  // none of
    // ---- public inputs
    signal input criteriaHash;
    signal input issuerKeyHash;
    signal input studyId;
    signal input proofDate;                   // day number the proof speaks for
    // ---- public output
    signal output nullifier;

    // 1. The issuer signed exactly these attributes.
    var attributes[N_CONDITIONS + 6];
    attributes[0] = birthDays;
    attributes[1] = sex;
    attributes[2] = region;
    for (var i = 0; i < N_CONDITIONS; i++) attributes[3 + i] = conditions[i];
    attributes[N_CONDITIONS + 3] = issuedDays;
    attributes[N_CONDITIONS + 4] = expiresDays;
    attributes[N_CONDITIONS + 5] = commitment;
    signal message <== Poseidon(N_CONDITIONS + 6)(attributes);
    EdDSAPoseidonVerifier()(1, issuerAx, issuerAy, sigS, sigR8x, sigR8y, message);

    // 2. ... and the issuer is the trusted one the verifier names.
    signal computedIssuerKeyHash <== Poseidon(2)([issuerAx, issuerAy]);
    issuerKeyHash === computedIssuerKeyHash;

    // 3. The credential belongs to the prover.
    signal computedCommitment <== Poseidon(1)([secret]);
    commitment === computedCommitment;

    // 4. The credential is valid on the proof date.
    BoundedLessEq(DAY_BITS)(issuedDays, proofDate);
    BoundedLessEq(DAY_BITS)(proofDate, expiresDays);

    // 5. The criteria are the study's.
    signal regionsHash <== Poseidon(N_REGIONS)(regions);
    signal requiredHash <== Poseidon(N_CRITERIA_CONDITIONS)(required);
    signal excludedHash <== Poseidon(N_CRITERIA_CONDITIONS)(excluded);
    signal computedCriteriaHash <== Poseidon(6)([windowStart, windowEnd, sexMask, regionsHash, requiredHash, excludedHash]);
    criteriaHash === computedCriteriaHash;

    // 6. Age: born inside the study's window.
    BoundedLessEq(DAY_BITS)(windowStart, birthDays);
    BoundedLessEq(DAY_BITS)(birthDays, windowEnd);

    // 7. Sex, region, required and excluded conditions.
    SexAllowed()(sex, sexMask);
    AnyOfOrEmpty(1, N_REGIONS)([region], regions);
    AnyOfOrEmpty(N_CONDITIONS, N_CRITERIA_CONDITIONS)(conditions, required);
    NoneOf(N_CONDITIONS, N_CRITERIA_CONDITIONS)(conditions, excluded);

    // 8. The study-specific pseudonym: unlinkable across studies, fixed within one.
    nullifier <== Poseidon(2)([secret, studyId]);
}

component main { public [criteriaHash, issuerKeyHash, studyId, proofDate] } = Eligibility(8, 8, 8, 20);
