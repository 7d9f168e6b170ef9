package wait

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Heartbeat is how often a wait whose status does not change says so at
// INFO. A variable only so that tests can shorten it. Lines come with polls,
// so a heartbeat is late by at most one poll interval (Slow.Max).
var Heartbeat = time.Minute

// Desc describes a wait: What for its timeout error, Object and Goal for its
// progress lines, which read "<Object>: <status>, <Goal>, <elapsed>", e.g.
// "pool etl: SCALING, 64→128 CU, waiting for AVAILABLE, 2m10s".
type Desc struct {
	// What completes "waiting for ... timed out":
	// `elastic resource pool etl to become AVAILABLE`.
	What string
	// Object names the object as a user knows it: "pool etl", "queue q1".
	// Without it the wait logs no progress.
	Object string
	// Goal is what the wait is for: "waiting for AVAILABLE".
	Goal string
}

// progressLog writes a wait's progress lines: the first status, each change,
// a heartbeat while the status stays, and the end.
type progressLog struct {
	desc   Desc
	start  time.Time
	status string
	logged time.Time // zero until the first line
}

func (p *progressLog) observe(ctx context.Context, status string, done bool) {
	if p.desc.Object == "" {
		return
	}
	now := time.Now()
	if !done && !p.logged.IsZero() && status == p.status && now.Sub(p.logged) < Heartbeat {
		return
	}
	p.status, p.logged = status, now
	elapsed := now.Sub(p.start).Round(time.Second)
	fields := map[string]any{"object": p.desc.Object, "status": status, "waiting_for": p.desc.Goal,
		"elapsed": elapsed.String()}
	if done {
		tflog.Info(ctx, fmt.Sprintf("%s: %s, done after %s", p.desc.Object, status, elapsed), fields)
		return
	}
	tflog.Info(ctx, fmt.Sprintf("%s: %s, %s, %s", p.desc.Object, status, p.desc.Goal, elapsed), fields)
}
