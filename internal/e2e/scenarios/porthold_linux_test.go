package scenarios_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// heldPort keeps one loopback port for a whole test so that a server can go
// down and come back on the same address without another process taking the
// port in between. A bound socket that never listens holds the port (with
// SO_REUSEPORT, which the server's listeners share): while no server is up,
// connections are refused, exactly as for a stopped service.
type heldPort struct {
	addr string
	fd   int // the holding socket
}

// holdPort reserves a free loopback port until the test ends.
func holdPort(t *testing.T) *heldPort {
	t.Helper()
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = unix.Close(fd) })
	if err := shareable(uintptr(fd)); err != nil {
		t.Fatal(err)
	}
	if err := unix.Bind(fd, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	sa, err := unix.Getsockname(fd)
	if err != nil {
		t.Fatal(err)
	}
	return &heldPort{addr: fmt.Sprintf("127.0.0.1:%d", sa.(*unix.SockaddrInet4).Port), fd: fd}
}

// shareable lets the holding socket and the servers' listeners bind the
// same port (same user only). The holder must not set SO_REUSEADDR: with it,
// any listener could bind over a socket that does not listen.
func shareable(fd uintptr) error {
	return unix.SetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_REUSEPORT, 1)
}

// URL is the base URL of the held port.
func (h *heldPort) URL() string { return "http://" + h.addr }

// serve starts an HTTP server with handler on the held port and returns a
// function that stops it at once; the port stays held.
func (h *heldPort) serve(handler http.Handler) (stop func(), err error) {
	lc := net.ListenConfig{Control: func(_, _ string, c syscall.RawConn) error {
		var serr error
		if err := c.Control(func(fd uintptr) { serr = shareable(fd) }); err != nil {
			return err
		}
		return serr
	}}
	ln, err := lc.Listen(context.Background(), "tcp4", h.addr)
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan struct{})
	go func() {
		defer close(served)
		_ = srv.Serve(ln) // returns once stop closes the server
	}()
	return func() {
		_ = srv.Close()
		<-served
	}, nil
}

// TestHeldPort: while no server is up a dial to the held port is refused,
// the port cannot be taken by a plain listener, and a server can come back
// on it.
func TestHeldPort(t *testing.T) {
	h := holdPort(t)
	if c, err := net.Dial("tcp4", h.addr); err == nil {
		_ = c.Close()
		t.Fatal("a dial to the held port with no server up was accepted")
	}
	if ln, err := net.Listen("tcp4", h.addr); err == nil {
		_ = ln.Close()
		t.Fatal("another listener took the held port")
	}
	for round := 0; round < 2; round++ {
		stop, err := h.serve(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }))
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		resp, err := http.Get(h.URL())
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusNoContent {
			t.Fatalf("round %d: status %d", round, resp.StatusCode)
		}
		stop()
		if c, err := net.Dial("tcp4", h.addr); err == nil {
			_ = c.Close()
			t.Fatalf("round %d: a dial after stop was accepted", round)
		}
	}
}
