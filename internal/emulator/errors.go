package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// apiError is a failure answered with {"error_code","error_msg"}.
type apiError struct {
	status int
	code   string
	msg    string
}

func (e *apiError) Error() string { return e.code + ": " + e.msg }

func errf(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, msg: fmt.Sprintf(format, args...)}
}

// invalid is DLI.0001, the service's answer to a bad parameter.
func invalid(format string, args ...any) *apiError {
	return errf(http.StatusBadRequest, "DLI.0001", format, args...)
}

// notFound is DLI.0002, the service's usual answer for a missing object.
func notFound(kind, name string) *apiError {
	return errf(http.StatusBadRequest, "DLI.0002", "%s %s does not exist", kind, name)
}

func duplicate(kind, name string) *apiError {
	return errf(http.StatusBadRequest, "DLI.0006", "%s %s already exists", kind, name)
}

func restricted(format string, args ...any) *apiError {
	return errf(http.StatusBadRequest, "DLI.0009", format, args...)
}

func unavailable(format string, args ...any) *apiError {
	return errf(http.StatusBadRequest, "DLI.0012", format, args...)
}

func authFailed(reason string) *apiError {
	return errf(http.StatusUnauthorized, "APIGW.0301", "Incorrect IAM authentication information: %s", reason)
}

// writeJSON answers status with v as JSON and records the status in the log.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	if status == http.StatusNoContent {
		return // 204 carries no body (the tag API's batch calls)
	}
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, err *apiError) {
	if rw, ok := w.(*recordingWriter); ok {
		rw.code = err.code
	}
	writeJSON(w, err.status, map[string]string{"error_code": err.code, "error_msg": err.msg})
}

// ok is the body every successful mutation carries.
func ok(extra map[string]any) map[string]any {
	body := map[string]any{"is_success": true, "message": ""}
	for k, v := range extra {
		body[k] = v
	}
	return body
}
