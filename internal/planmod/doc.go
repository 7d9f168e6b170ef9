// Package planmod holds the plan modifiers the resources share: DLI's
// case-insensitive names (NameIgnoringCase, NamesIgnoringCase, and SameName,
// the read-side half of the same rule), collections where none and empty are
// one (NoneIsEmpty), and replacement rules that depend on how an object came
// into the state (ImportMarker).
package planmod
