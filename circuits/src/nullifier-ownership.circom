pragma circom 2.2.0;

include "circomlib/circuits/poseidon.circom";

// NullifierOwnership: proves knowledge of the patient secret behind a study pseudonym.
//
// Inputs
//   secret  (private) the patient's secret, a field element chosen uniformly at random by the
//                     patient's client; it never leaves the patient's device.
//   scope   (public)  the context the pseudonym belongs to (a study id), any field element.
//   action  (public)  what the proof authorises (e.g. a hash of "withdraw"); bound into the
//                     proof so that one proof cannot be replayed for a different action.
// Outputs
//   nullifier (public) Poseidon(secret, scope): the patient's pseudonym in that scope.
//
// NOTE: callers must check outside the circuit that `scope` and `action` are the values they
// expect and that the nullifier is one they know (e.g. an enrolled participant).
template NullifierOwnership() {
    signal input secret;
    signal input scope;
    signal input action;
    signal output nullifier;

    nullifier <== Poseidon(2)([secret, scope]);

    // Binds `action` into the constraint system (an unused public input could be altered
    // without invalidating the proof).
    signal actionSquare <== action * action;
}

component main { public [scope, action] } = NullifierOwnership();
