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
//   condition set ALL of the patient's active coded conditions, ascending, zero-padded to
//                N_CONDITIONS slots, signed through ConditionSetHash; an issuer refuses a patient
//                with more. "Any of" and "none of" are checked against every slot, so a
//                credential cannot leave out a condition that a study excludes.
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

// The credential's commitment to its whole condition list (N = 16 * blocks, at most 256):
// Poseidon over the Poseidon(16) digests of consecutive blocks of 16 slots.
template ConditionSetHash(N) {
    var BLOCKS = N \ 16;
    assert(N == BLOCKS * 16 && BLOCKS >= 1 && BLOCKS <= 16);
    signal input conditions[N];
    signal output out;
    signal blockHash[BLOCKS];
    for (var b = 0; b < BLOCKS; b++) {
        var block[16];
        for (var i = 0; i < 16; i++) block[i] = conditions[16 * b + i];
        blockHash[b] <== Poseidon(16)(block);
    }
    out <== Poseidon(BLOCKS)(blockHash);
}

// (values[0] - x) * ... * (values[N-1] - x): zero exactly when x is one of the values.
template ProductOfDifferences(N) {
    signal input values[N];
    signal input x;
    signal output out;
    signal partial[N];
    partial[0] <== values[0] - x;
    for (var i = 1; i < N; i++) partial[i] <== partial[i - 1] * (values[i] - x);
    out <== partial[N - 1];
}

// Any-of against the full condition list: passes if every criteria slot is empty, or the
// prover names a non-zero code `match` that is both one of the conditions and one of the
// criteria slots. N + NS multiplications.
template AnyOfSet(N, NS) {
    signal input conditions[N];
    signal input wanted[NS];
    signal input match;
    signal empty[NS];
    var filled = 0;
    for (var s = 0; s < NS; s++) {
        empty[s] <== IsZero()(wanted[s]);
        filled += 1 - empty[s];
    }
    signal listEmpty <== IsZero()(filled);
    signal inConditions <== ProductOfDifferences(N)(conditions, match);
    signal inWanted <== ProductOfDifferences(NS)(wanted, match);
    // Unless the list is empty: match is non-zero (an empty slot would match an empty slot),
    // one of the conditions, and one of the wanted codes.
    signal matchInverse <-- match != 0 ? 1 / match : 0;
    match * matchInverse === 1 - listEmpty;
    inConditions * (1 - listEmpty) === 0;
    inWanted * (1 - listEmpty) === 0;
}

// None-of against the full condition list: no non-empty criteria slot is one of the
// conditions. A product is shown non-zero by its inverse. N + NS multiplications.
template NoneOfSet(N, NS) {
    signal input conditions[N];
    signal input unwanted[NS];
    signal empty[NS];
    signal product[NS];
    signal inverse[NS];
    for (var s = 0; s < NS; s++) {
        empty[s] <== IsZero()(unwanted[s]);
        product[s] <== ProductOfDifferences(N)(conditions, unwanted[s]);
        // An empty slot needs inverse 0 (its product is non-zero when all N slots are filled).
        inverse[s] <-- (product[s] != 0 && unwanted[s] != 0) ? 1 / product[s] : 0;
        product[s] * inverse[s] === 1 - empty[s];
    }
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
    signal input conditions[N_CONDITIONS];    // every active coded condition, 0 = empty
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
    signal input requiredMatch;               // a required code the patient has (0 when none is required)
    signal input excluded[N_CRITERIA_CONDITIONS];  // none of
    // ---- public inputs
    signal input criteriaHash;
    signal input issuerKeyHash;
    signal input studyId;
    signal input proofDate;                   // day number the proof speaks for
    // ---- public output
    signal output nullifier;

    // 1. The issuer signed exactly these attributes.
    signal conditionSet <== ConditionSetHash(N_CONDITIONS)(conditions);
    signal message <== Poseidon(7)([birthDays, sex, region, conditionSet, issuedDays, expiresDays, commitment]);
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
    AnyOfSet(N_CONDITIONS, N_CRITERIA_CONDITIONS)(conditions, required, requiredMatch);
    NoneOfSet(N_CONDITIONS, N_CRITERIA_CONDITIONS)(conditions, excluded);

    // 8. The study-specific pseudonym: unlinkable across studies, fixed within one.
    nullifier <== Poseidon(2)([secret, studyId]);
}

component main { public [criteriaHash, issuerKeyHash, studyId, proofDate] } = Eligibility(256, 8, 8, 20);
