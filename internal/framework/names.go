package framework

import (
	"fmt"
	"sort"
	"strings"
)

// CountNames renders "0 pools", "1 pool (a)" or "3 pools (a, b, c)" for the
// noun "pool", listing at most ten names so that an error stays readable.
// It sorts names in place.
func CountNames(names []string, noun string) string {
	sort.Strings(names)
	n := len(names)
	if n == 0 {
		return "0 " + noun + "s"
	}
	shown := names
	more := ""
	if n > 10 {
		shown, more = names[:10], fmt.Sprintf(" and %d more", n-10)
	}
	plural := noun + "s"
	if n == 1 {
		plural = noun
	}
	return fmt.Sprintf("%d %s (%s%s)", n, plural, strings.Join(shown, ", "), more)
}
