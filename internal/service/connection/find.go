package connection

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/framework"
)

// Lookups: the live connection a name refers to, for the data source.

// withoutDeleted drops the connections DLI reports as DELETED: they are gone
// for every purpose of the provider.
func withoutDeleted(conns []client.Connection) []client.Connection {
	out := make([]client.Connection, 0, len(conns))
	for _, c := range conns {
		if !client.StatusIs(c.Status, client.ConnectionStatusDeleted) {
			out = append(out, c)
		}
	}
	return out
}

// lookupByName finds the live connection called name. DLI's list filter
// matches the whole name (the incumbent provider's data-source test expects
// no connection for name = "tf_test" while tf_test_xxxxx exists); whether it
// also ignores case is not documented. So the filtered list settles an exact
// match, and only when it holds none is the whole list read to find a name
// that differs only in case: the answer is the same whichever way DLI
// compares case.
func lookupByName(ctx context.Context, c *client.Client, name string) (*client.Connection, error) {
	list, err := c.ListConnections(ctx, client.ConnectionFilter{Name: name})
	if err != nil {
		return nil, err
	}
	var none *noSuchNameError
	if conn, err := connectionNamed(withoutDeleted(list), name); !errors.As(err, &none) {
		return conn, err
	}
	all, err := c.ListConnections(ctx, client.ConnectionFilter{})
	if err != nil {
		return nil, err
	}
	return connectionNamed(withoutDeleted(all), name)
}

// noSuchNameError is the error of connectionNamed when nothing matches.
type noSuchNameError struct{ msg string }

func (e *noSuchNameError) Error() string { return e.msg }

// connectionNamed picks the connection called name among candidates: an
// exact match first, else a match ignoring case (DLI keeps the case of
// connection names). Nothing (a *noSuchNameError), or more than one candidate at
// the deciding step, is an error; the first names the connections whose names
// resemble name, the second the candidates.
func connectionNamed(candidates []client.Connection, name string) (*client.Connection, error) {
	var exact, folded []*client.Connection
	for i := range candidates {
		c := &candidates[i]
		switch {
		case c.Name == name:
			exact = append(exact, c)
		case strings.EqualFold(c.Name, name):
			folded = append(folded, c)
		}
	}
	pick, how := exact, "exactly"
	if len(exact) == 0 {
		pick, how = folded, "ignoring case"
	}
	switch len(pick) {
	case 1:
		return pick[0], nil
	case 0:
		var similar []string
		lname := strings.ToLower(name)
		for _, c := range candidates {
			if l := strings.ToLower(c.Name); strings.Contains(l, lname) || strings.Contains(lname, l) {
				similar = append(similar, c.Name)
			}
		}
		hint := ""
		if len(similar) > 0 {
			hint = " Names that resemble it: " + framework.CountNames(similar, "connection") + "."
		}
		return nil, &noSuchNameError{fmt.Sprintf("no enhanced connection is named %q, exactly or ignoring case.%s\n\n"+
			"Check the name and the region, or list connections with the dli_enhanced_connections data source",
			name, hint)}
	default:
		found := make([]string, 0, len(pick))
		for _, c := range pick {
			found = append(found, c.Name+" (id "+c.ID+")")
		}
		sort.Strings(found)
		return nil, fmt.Errorf("%d enhanced connections are named %q (%s): %s. Look the connection up by id instead",
			len(pick), name, how, strings.Join(found, ", "))
	}
}

// namedExactly keeps the connections called name, case included. DLI's name
// filter matches whole names (the incumbent provider's data-source test); it
// may or may not ignore case, which is not documented, so this makes the
// result the same either way.
func namedExactly(conns []client.Connection, name string) []client.Connection {
	out := make([]client.Connection, 0, len(conns))
	for _, c := range conns {
		if c.Name == name {
			out = append(out, c)
		}
	}
	return out
}
