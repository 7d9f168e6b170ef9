// Package refusal retries calls that DLI refuses for a while (an object or
// its pool not AVAILABLE yet) until it accepts them, and says which object
// held them up when it never does.
package refusal
