package emulator

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// BEHAVIOUR.md is the record of why the emulator behaves as it does: each
// rule with its source and the tests that pin it. These tests keep that
// record honest: a rule without a source, or pinned by a test that was
// renamed or never existed, fails the build instead of rotting.

const behaviourFile = "BEHAVIOUR.md"

// behaviourAreas are the sections BEHAVIOUR.md must have, so that a whole
// area cannot silently drop out of the record.
var behaviourAreas = []string{
	"auth", "pools", "queues", "scaling policies", "properties",
	"connections", "routes", "paging/filters", "errors", "admin/faults",
}

// behaviourRow is one rule of the table.
type behaviourRow struct {
	line                int
	area                string
	rule, source, tests string
}

// testRef is a test named in a row's test cell: `package/path: TestName`.
type testRef struct{ pkg, name string }

var (
	testRefRe   = regexp.MustCompile("`([A-Za-z0-9_./-]+): ((?:Test|Fuzz)[A-Za-z0-9_]*)`")
	noneRe      = regexp.MustCompile(`^none \((.+)\)$`)
	assumeRe    = regexp.MustCompile(`assumption: \S+( \S+){2,}`)
	citedDocRe  = regexp.MustCompile(`(API ref|UG|APIG|Signing guide) "[^"]+"`)
	citedFileRe = regexp.MustCompile(`(SDK|incumbent) [A-Za-z0-9_./-]+\.go`)
)

const pendingMarker = "(pending)"

// parseBehaviour reads the tables of BEHAVIOUR.md: every "| a | b | c |" row
// after a "| rule | source | test |" header, under the nearest "## " heading.
func parseBehaviour(text string) ([]behaviourRow, []error) {
	var rows []behaviourRow
	var errs []error
	area, inTable := "", false
	for i, raw := range strings.Split(text, "\n") {
		line := strings.TrimSpace(raw)
		n := i + 1
		switch {
		case strings.HasPrefix(line, "## "):
			area, inTable = strings.TrimSpace(strings.TrimPrefix(line, "## ")), false
			continue
		case !strings.HasPrefix(line, "|"):
			inTable = false
			continue
		}
		cells := splitRow(line)
		switch {
		case len(cells) == 3 && cells[0] == "rule" && cells[1] == "source" && cells[2] == "test":
			inTable = true
			continue
		case isSeparator(cells):
			continue
		case !inTable:
			errs = append(errs, fmt.Errorf("line %d: table row outside a | rule | source | test | table", n))
			continue
		case len(cells) != 3:
			errs = append(errs, fmt.Errorf("line %d: %d cells, want 3 (rule, source, test); a | inside a cell breaks the row", n, len(cells)))
			continue
		}
		rows = append(rows, behaviourRow{line: n, area: area, rule: cells[0], source: cells[1], tests: cells[2]})
	}
	return rows, errs
}

func splitRow(line string) []string {
	inner := strings.TrimSuffix(strings.TrimPrefix(line, "|"), "|")
	cells := strings.Split(inner, "|")
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells
}

func isSeparator(cells []string) bool {
	for _, c := range cells {
		if strings.Trim(c, "-: ") != "" {
			return false
		}
	}
	return true
}

// testsOf splits a test cell into the tests it names and how it accounts
// for a missing test: pending (another change brings the test) or a
// "none (reason)" that says why no test pins the rule.
func testsOf(cell string) (refs []testRef, pending bool, noneReason string, err error) {
	for _, m := range testRefRe.FindAllStringSubmatch(cell, -1) {
		refs = append(refs, testRef{pkg: m[1], name: m[2]})
	}
	rest := strings.TrimSpace(testRefRe.ReplaceAllString(cell, ""))
	if r, ok := strings.CutSuffix(rest, pendingMarker); ok {
		pending, rest = true, strings.TrimSpace(r)
	}
	rest = strings.TrimSpace(strings.Trim(rest, ", "))
	if m := noneRe.FindStringSubmatch(rest); m != nil {
		noneReason, rest = strings.TrimSpace(m[1]), ""
	}
	switch {
	case rest != "":
		return nil, false, "", fmt.Errorf("test cell has text that is neither a `package: TestName` nor %s nor none (reason): %q", pendingMarker, rest)
	case noneReason != "" && (len(refs) > 0 || pending):
		return nil, false, "", errors.New("test cell says none but also names tests or pending")
	case noneReason == "" && len(refs) == 0 && !pending:
		if strings.HasPrefix(strings.TrimSpace(cell), "none") {
			return nil, false, "", errors.New("test cell says none without a reason in parentheses")
		}
		return nil, false, "", errors.New("test cell names no test")
	}
	return refs, pending, noneReason, nil
}

// checkSource requires a citation a reader can follow, or an assumption
// that gives its reason.
func checkSource(source string) error {
	if source == "" {
		return errors.New("no source")
	}
	if citedDocRe.MatchString(source) || citedFileRe.MatchString(source) || assumeRe.MatchString(source) {
		return nil
	}
	return fmt.Errorf("source %q cites no page title (API ref/UG/APIG/Signing guide \"Title\"), no SDK or incumbent file, and is no \"assumption: reason\"", source)
}

// testFuncs lists the top-level Test* and Fuzz* functions of a package's
// *_test.go files, whatever their build tags.
func testFuncs(dir string) (map[string]bool, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no *_test.go files in %s", dir)
	}
	funcs := map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range files {
		af, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, d := range af.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
				funcs[fd.Name.Name] = true
			}
		}
	}
	return funcs, nil
}

// checkBehaviour returns every problem of the table; root is the module
// root the package paths of the test cells are relative to.
func checkBehaviour(text, root string) (rows []behaviourRow, problems []error) {
	rows, problems = parseBehaviour(text)
	cache := map[string]map[string]bool{}
	funcsOf := func(pkg string) (map[string]bool, error) {
		if f, ok := cache[pkg]; ok {
			return f, nil
		}
		clean := filepath.Clean(filepath.FromSlash(pkg))
		if filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
			return nil, fmt.Errorf("package path %q leaves the module", pkg)
		}
		f, err := testFuncs(filepath.Join(root, clean))
		if err != nil {
			return nil, err
		}
		cache[pkg] = f
		return f, nil
	}
	seenAreas := map[string]bool{}
	for _, r := range rows {
		seenAreas[r.area] = true
		where := fmt.Sprintf("%s:%d (%s)", behaviourFile, r.line, r.area)
		if r.rule == "" {
			problems = append(problems, fmt.Errorf("%s: empty rule", where))
		}
		if err := checkSource(r.source); err != nil {
			problems = append(problems, fmt.Errorf("%s: %w", where, err))
		}
		refs, _, _, err := testsOf(r.tests)
		if err != nil {
			problems = append(problems, fmt.Errorf("%s: %w", where, err))
			continue
		}
		for _, ref := range refs {
			funcs, err := funcsOf(ref.pkg)
			if err != nil {
				problems = append(problems, fmt.Errorf("%s: %s: %w", where, ref.pkg, err))
				continue
			}
			if !funcs[ref.name] {
				problems = append(problems, fmt.Errorf("%s: package %s has no test function %s", where, ref.pkg, ref.name))
			}
		}
	}
	for _, a := range behaviourAreas {
		if !seenAreas[a] {
			problems = append(problems, fmt.Errorf("%s: no rules under \"## %s\"", behaviourFile, a))
		}
	}
	return rows, problems
}

// moduleRoot walks up from the package directory to the directory of go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the package directory")
		}
		dir = parent
	}
}

// TestBehaviourRecord: every rule in BEHAVIOUR.md cites a source or states
// its assumption, and names tests that exist or says why no test pins it.
// The rules without a test are logged so that `go test -v` lists them; a
// row still marked pending is an error.
func TestBehaviourRecord(t *testing.T) {
	data, err := os.ReadFile(behaviourFile)
	if err != nil {
		t.Fatal(err)
	}
	rows, problems := checkBehaviour(string(data), moduleRoot(t))
	for _, p := range problems {
		t.Error(p)
	}
	if len(rows) < 50 {
		t.Errorf("%s holds %d rules; the emulator enforces far more, so the table was cut", behaviourFile, len(rows))
	}
	for _, r := range rows {
		_, pending, none, err := testsOf(r.tests)
		switch {
		case err != nil:
		case pending:
			// The marker lets a change in progress add its row first; no
			// row may land on main still waiting for its tests.
			t.Errorf("pending: %s:%d %s: name the tests that pin it", behaviourFile, r.line, r.rule)
		case none != "":
			t.Logf("no test: %s:%d %s (%s)", behaviourFile, r.line, r.rule, none)
		}
	}
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), behaviourFile) {
		t.Errorf("the package comment in doc.go does not point to %s", behaviourFile)
	}
}

// TestBehaviourCheckerRefusesBadRows: the checker itself catches each kind
// of broken row, so that a green TestBehaviourRecord means something.
func TestBehaviourCheckerRefusesBadRows(t *testing.T) {
	root := moduleRoot(t)
	table := func(rows ...string) string {
		var b strings.Builder
		for _, a := range behaviourAreas {
			fmt.Fprintf(&b, "## %s\n\n| rule | source | test |\n|---|---|---|\n", a)
			b.WriteString("| r | assumption: chosen for a reason | `internal/emulator: TestPoolLifecycle` |\n")
		}
		b.WriteString("## extra\n\n| rule | source | test |\n|---|---|---|\n")
		for _, r := range rows {
			b.WriteString(r + "\n")
		}
		return b.String()
	}
	if _, problems := checkBehaviour(table(
		"| ok | API ref \"Creating a Queue\" (dli_02_0194) | `internal/emulator: TestQueueValidationAndLifecycle`, `internal/client: TestListPoolsPages` |",
		"| ok pending | UG \"Elastic Scaling of Queues\" (dli_01_0487) | (pending) |",
		"| ok none | SDK services/dli/v1/model/model_queue.go | none (no test sends it yet) |",
		"| ok both | incumbent dli/resource_huaweicloud_dli_queue.go | `internal/emulator: TestConformanceSDK` (pending) |",
	), root); len(problems) != 0 {
		t.Fatalf("good rows refused: %v", problems)
	}
	bad := map[string]string{
		"no source":           "| r |  | `internal/emulator: TestPoolLifecycle` |",
		"vague source":        "| r | the docs | `internal/emulator: TestPoolLifecycle` |",
		"bare assumption":     "| r | assumption | `internal/emulator: TestPoolLifecycle` |",
		"unknown test":        "| r | assumption: chosen for a reason | `internal/emulator: TestDoesNotExist` |",
		"test in wrong pkg":   "| r | assumption: chosen for a reason | `internal/client: TestPoolLifecycle` |",
		"unknown package":     "| r | assumption: chosen for a reason | `internal/nowhere: TestPoolLifecycle` |",
		"package outside":     "| r | assumption: chosen for a reason | `../elsewhere: TestPoolLifecycle` |",
		"no test":             "| r | assumption: chosen for a reason |  |",
		"none without reason": "| r | assumption: chosen for a reason | none |",
		"none and a test":     "| r | assumption: chosen for a reason | `internal/emulator: TestPoolLifecycle` none (why) |",
		"free text":           "| r | assumption: chosen for a reason | TestPoolLifecycle |",
		"pipe in a cell":      "| r | a | b | `internal/emulator: TestPoolLifecycle` |",
	}
	for name, row := range bad {
		if _, problems := checkBehaviour(table(row), root); len(problems) == 0 {
			t.Errorf("%s: row accepted: %s", name, row)
		}
	}
	if _, problems := checkBehaviour("## auth\n\n| rule | source | test |\n|---|---|---|\n| r | assumption: chosen for a reason | `internal/emulator: TestPoolLifecycle` |\n", root); len(problems) == 0 {
		t.Error("a record missing most areas was accepted")
	}
}
