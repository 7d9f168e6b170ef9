// Package tags holds the rules the three resources share for tags: their
// validators, the conversion to and from DLI's tag list, when a refresh reads
// them, and the plan modifier that makes null and {} the same.
package tags
