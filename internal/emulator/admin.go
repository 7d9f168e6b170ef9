package emulator

import (
	"net"
	"net/http"
	"net/netip"
	"time"
)

// serveAdmin answers the unsigned control API under /_emulator/. Admin calls
// are not written to the request log. Only loopback peers may use it unless
// Config.AdminFromAnyHost is set: it is unauthenticated.
func (e *Emulator) serveAdmin(w http.ResponseWriter, r *http.Request) {
	if !e.cfg.AdminFromAnyHost && !fromLoopback(r) {
		writeError(w, errf(http.StatusForbidden, "DLI.0003", "the emulator admin API answers loopback clients only"))
		return
	}
	body, aerr := readBody(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	switch r.Method + " " + r.URL.Path {
	case "GET /_emulator/health":
		writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "project_id": e.cfg.ProjectID, "region": e.cfg.Region})
	case "POST /_emulator/faults":
		var f adminFault
		if err := decode(body, &f); err != nil {
			writeError(w, err)
			return
		}
		fault, err := f.toFault()
		if err != nil {
			writeError(w, err)
			return
		}
		id, cerr := e.addFault(fault)
		if cerr != nil {
			writeError(w, invalid("PathRegexp does not compile: %s", cerr.Error()))
			return
		}
		writeJSON(w, http.StatusCreated, map[string]string{"id": id})
	case "DELETE /_emulator/faults":
		e.ClearFaults()
		w.WriteHeader(http.StatusNoContent)
	case "GET /_emulator/requests":
		writeJSON(w, http.StatusOK, map[string]any{"requests": e.Requests()})
	case "DELETE /_emulator/requests":
		e.ResetRequests()
		w.WriteHeader(http.StatusNoContent)
	case "PUT /_emulator/delays":
		var d adminDelays
		if err := decode(body, &d); err != nil {
			writeError(w, err)
			return
		}
		delays, err := d.toDelays()
		if err != nil {
			writeError(w, err)
			return
		}
		e.SetDelays(delays)
		w.WriteHeader(http.StatusNoContent)
	case "POST /_emulator/fail-next":
		var f struct {
			Kind string `json:"kind"`
			Name string `json:"name"`
		}
		if err := decode(body, &f); err != nil {
			writeError(w, err)
			return
		}
		if (f.Kind != "pool" && f.Kind != "binding") || f.Name == "" {
			writeError(w, invalid("kind must be pool or binding and name must be set"))
			return
		}
		e.FailNext(f.Kind, f.Name)
		w.WriteHeader(http.StatusNoContent)
	default:
		writeError(w, errf(http.StatusNotFound, "APIGW.0101", "unknown admin endpoint %s %s", r.Method, r.URL.Path))
	}
}

// adminFault is Fault as JSON, with durations as Go duration strings.
type adminFault struct {
	Method     string `json:"Method"`
	PathRegexp string `json:"PathRegexp"`
	Status     int    `json:"Status"`
	Code       string `json:"Code"`
	Message    string `json:"Message"`
	Latency    string `json:"Latency"`
	Count      int    `json:"Count"`
	Skip       int    `json:"Skip"`
	AfterApply bool   `json:"AfterApply"`
	Drop       bool   `json:"Drop"`
}

func (a adminFault) toFault() (Fault, *apiError) {
	lat, err := parseDuration("Latency", a.Latency)
	if err != nil {
		return Fault{}, err
	}
	return Fault{Method: a.Method, PathRegexp: a.PathRegexp, Status: a.Status, Code: a.Code,
		Message: a.Message, Latency: lat, Count: a.Count, Skip: a.Skip, AfterApply: a.AfterApply, Drop: a.Drop}, nil
}

// adminDelays is Delays as JSON, with durations as Go duration strings.
type adminDelays struct {
	PoolCreate, PoolScale, PoolDelete    string
	QueueCreate, QueueScale, QueueDelete string
	QueueAssigning                       string
	ConnectionPeering, ConnectionDelete  string
	DeletedRetention                     string
	PoolDeleteCooldown, PoolScaleLag     string
}

func (a adminDelays) toDelays() (Delays, *apiError) {
	var d Delays
	fields := []struct {
		name string
		raw  string
		dst  *time.Duration
	}{
		{"PoolCreate", a.PoolCreate, &d.PoolCreate}, {"PoolScale", a.PoolScale, &d.PoolScale},
		{"PoolDelete", a.PoolDelete, &d.PoolDelete}, {"QueueCreate", a.QueueCreate, &d.QueueCreate},
		{"QueueScale", a.QueueScale, &d.QueueScale}, {"QueueDelete", a.QueueDelete, &d.QueueDelete},
		{"QueueAssigning", a.QueueAssigning, &d.QueueAssigning},
		{"ConnectionPeering", a.ConnectionPeering, &d.ConnectionPeering},
		{"ConnectionDelete", a.ConnectionDelete, &d.ConnectionDelete},
		{"DeletedRetention", a.DeletedRetention, &d.DeletedRetention},
		{"PoolDeleteCooldown", a.PoolDeleteCooldown, &d.PoolDeleteCooldown},
		{"PoolScaleLag", a.PoolScaleLag, &d.PoolScaleLag},
	}
	for _, f := range fields {
		v, err := parseDuration(f.name, f.raw)
		if err != nil {
			return Delays{}, err
		}
		*f.dst = v
	}
	return d, nil
}

func parseDuration(field, raw string) (time.Duration, *apiError) {
	if raw == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(raw)
	if err != nil || d < 0 {
		return 0, invalid("%s=%q is not a non-negative Go duration", field, raw)
	}
	return d, nil
}

// fromLoopback reports whether the request's peer is a loopback address.
func fromLoopback(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.Unmap().IsLoopback()
}
