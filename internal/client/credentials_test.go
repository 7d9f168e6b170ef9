package client

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// startCredentialEmulator serves an emulator whose static keys are testAK/testSK.
func startCredentialEmulator(t *testing.T) *emulator.Server {
	t.Helper()
	srv, err := emulator.Start(emulator.Config{AccessKey: testAK, SecretKey: testSK, ProjectID: testPID})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

// signersOf lists the access keys that signed DLI pool requests, in order.
func signersOf(e *emulator.Emulator) []string {
	var out []string
	for _, r := range e.Requests() {
		if strings.Contains(r.Path, "elastic-resource-pools") {
			out = append(out, r.AccessKey)
		}
	}
	return out
}

func TestMetadataKeysSignAndAreRenewedBeforeTheyExpire(t *testing.T) {
	srv := startCredentialEmulator(t)
	srv.Emulator.SetMetadataAgency("ecs_dli")
	srv.Emulator.SetMetadataKeyTTL(2 * time.Second)
	c, err := New(context.Background(), Config{
		Region: emulator.DefaultRegion, ProjectID: testPID, Endpoint: srv.URL, IAMEndpoint: srv.URL,
		MetadataEndpoint: srv.URL, MaxRetries: 1,
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ctx := context.Background()
	if _, err := c.ListPools(ctx, PoolFilter{}); err != nil {
		t.Fatalf("first list: %v", err)
	}
	// The emulator refuses the first keys after 2s; the client must have
	// renewed them by then.
	time.Sleep(2100 * time.Millisecond)
	if _, err := c.ListPools(ctx, PoolFilter{}); err != nil {
		t.Fatalf("list after the first keys expired: %v", err)
	}
	signers := signersOf(srv.Emulator)
	if len(signers) != 2 || signers[0] == signers[1] || signers[0] == testAK || !strings.HasPrefix(signers[0], "TMP") {
		t.Fatalf("want two requests signed by two different temporary keys, got %v", signers)
	}
}

func TestMetadataWithoutAgencySaysSo(t *testing.T) {
	srv := startCredentialEmulator(t)
	_, err := New(context.Background(), Config{
		Region: emulator.DefaultRegion, ProjectID: testPID, Endpoint: srv.URL, MetadataEndpoint: srv.URL,
	})
	if err == nil || !strings.Contains(err.Error(), "agency") || !strings.Contains(err.Error(), "401") {
		t.Fatalf("want an error about the missing agency, got %v", err)
	}
}

func TestAssumeRoleSignsWithTheAgencyKeys(t *testing.T) {
	srv := startCredentialEmulator(t)
	srv.Emulator.AddAgency("partner_domain", "dli_operator")
	c, err := New(context.Background(), Config{
		Region: emulator.DefaultRegion, AccessKey: testAK, SecretKey: testSK, ProjectID: testPID,
		Endpoint: srv.URL, IAMEndpoint: srv.URL, MaxRetries: 1,
		AssumeRole: &AssumeRole{AgencyName: "dli_operator", DomainName: "partner_domain", Duration: time.Hour},
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if _, err := c.ListPools(context.Background(), PoolFilter{}); err != nil {
		t.Fatalf("list: %v", err)
	}
	roles := srv.Emulator.AssumedRoles()
	if len(roles) != 1 || roles[0].CallerAccessKey != testAK || roles[0].Duration != time.Hour {
		t.Fatalf("want one assumption signed by the static key for 1h, got %+v", roles)
	}
	if s := signersOf(srv.Emulator); len(s) != 1 || s[0] != roles[0].AccessKey {
		t.Fatalf("want the DLI request signed by %s, got %v", roles[0].AccessKey, s)
	}
}

func TestAssumeRoleOnMetadataKeys(t *testing.T) {
	srv := startCredentialEmulator(t)
	srv.Emulator.SetMetadataAgency("ecs_dli")
	srv.Emulator.AddAgency("partner_domain", "dli_operator")
	c, err := New(context.Background(), Config{
		Region: emulator.DefaultRegion, ProjectID: testPID, Endpoint: srv.URL, IAMEndpoint: srv.URL,
		MetadataEndpoint: srv.URL, AssumeRole: &AssumeRole{AgencyName: "dli_operator", DomainName: "partner_domain"},
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if _, err := c.ListPools(context.Background(), PoolFilter{}); err != nil {
		t.Fatalf("list: %v", err)
	}
	roles := srv.Emulator.AssumedRoles()
	if len(roles) != 1 || !strings.HasPrefix(roles[0].CallerAccessKey, "TMP") {
		t.Fatalf("want the agency assumed with the metadata keys, got %+v", roles)
	}
}

func TestAssumeRoleUnknownAgencyFailsAtNew(t *testing.T) {
	srv := startCredentialEmulator(t)
	_, err := New(context.Background(), Config{
		Region: emulator.DefaultRegion, AccessKey: testAK, SecretKey: testSK, ProjectID: testPID,
		Endpoint: srv.URL, IAMEndpoint: srv.URL, MaxRetries: 1,
		AssumeRole: &AssumeRole{AgencyName: "nobody", DomainName: "partner_domain"},
	})
	if err == nil || !strings.Contains(err.Error(), "nobody") || !strings.Contains(err.Error(), "403") {
		t.Fatalf("want a 403 naming the agency, got %v", err)
	}
}

func TestTemporarySecretsAreRedacted(t *testing.T) {
	c := &Client{redact: newRedactor(testSK)}
	ring := &keyRing{redact: c.redact, fetchTimeout: time.Second, fetch: func(context.Context) (keys, error) {
		return keys{ak: "TMPAK", sk: "temporary-secret-9876", token: "temporary-token-5432",
			expires: time.Now().Add(time.Hour), fetched: time.Now()}, nil
	}}
	if _, err := ring.current(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := c.clean("sk=" + testSK + " sk2=temporary-secret-9876 tok=temporary-token-5432")
	for _, s := range []string{testSK, "temporary-secret-9876", "temporary-token-5432"} {
		if strings.Contains(got, s) {
			t.Fatalf("clean left a secret: %s", got)
		}
	}
}

func TestKeysStaleInTheirLastQuarterAtMostFiveMinutes(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	short := keys{fetched: t0, expires: t0.Add(4 * time.Second)}
	if short.stale(t0.Add(2900*time.Millisecond)) || !short.stale(t0.Add(3*time.Second)) {
		t.Fatal("4s keys: want fresh before 3s and stale from 3s")
	}
	long := keys{fetched: t0, expires: t0.Add(24 * time.Hour)}
	if long.stale(t0.Add(24*time.Hour-6*time.Minute)) || !long.stale(t0.Add(24*time.Hour-5*time.Minute)) {
		t.Fatal("24h keys: want stale only in the last five minutes")
	}
	if (keys{}).stale(t0.Add(1000 * time.Hour)) {
		t.Fatal("static keys never go stale")
	}
}

func TestAssumedKeysAreRenewedBeforeTheyExpire(t *testing.T) {
	// IAM hands out agency keys for at least 15 minutes. The emulator's
	// clock runs 14m58s behind, within the signature's 15-minute skew, so
	// the keys it hands out expire two seconds from now by the real clock
	// the client renews by.
	lag := 15*time.Minute - 2*time.Second
	srv, err := emulator.Start(emulator.Config{AccessKey: testAK, SecretKey: testSK, ProjectID: testPID,
		Now: func() time.Time { return time.Now().Add(-lag) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	srv.Emulator.AddAgency("partner_domain", "dli_operator")
	c, err := New(context.Background(), Config{
		Region: emulator.DefaultRegion, AccessKey: testAK, SecretKey: testSK, ProjectID: testPID,
		Endpoint: srv.URL, IAMEndpoint: srv.URL, MaxRetries: 1,
		AssumeRole: &AssumeRole{AgencyName: "dli_operator", DomainName: "partner_domain"},
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ctx := context.Background()
	if _, err := c.ListPools(ctx, PoolFilter{}); err != nil {
		t.Fatalf("first list: %v", err)
	}
	time.Sleep(2100 * time.Millisecond)
	if _, err := c.ListPools(ctx, PoolFilter{}); err != nil {
		t.Fatalf("list after the first agency keys expired: %v", err)
	}
	roles := srv.Emulator.AssumedRoles()
	signers := signersOf(srv.Emulator)
	if len(roles) != 2 || len(signers) != 2 || signers[0] != roles[0].AccessKey || signers[1] != roles[1].AccessKey {
		t.Fatalf("want the agency assumed again and each list signed by its keys, got roles %+v signers %v", roles, signers)
	}
}

// TestMetadataKeysRideOutTransientFailures: a 503, a 429 and a dropped
// connection from the metadata service, on both of its requests, do not keep
// the provider from its keys; a lasting failure still fails, naming the
// service.
func TestMetadataKeysRideOutTransientFailures(t *testing.T) {
	srv := startCredentialEmulator(t)
	srv.Emulator.SetMetadataAgency("ecs_dli")
	for _, f := range []emulator.Fault{
		{PathRegexp: "^/meta-data/latest/api/token$", Status: 503, Count: 1},
		{PathRegexp: "^/meta-data/latest/api/token$", Drop: true, Count: 1},
		{PathRegexp: "^/openstack/latest/securitykey$", Status: 429, Count: 1},
		{PathRegexp: "^/openstack/latest/securitykey$", Drop: true, Count: 1},
		{PathRegexp: "^/openstack/latest/securitykey$", Status: 502, Count: 1},
	} {
		srv.Emulator.AddFault(f)
	}
	c, err := New(context.Background(), Config{
		Region: emulator.DefaultRegion, ProjectID: testPID, Endpoint: srv.URL, IAMEndpoint: srv.URL,
		MetadataEndpoint: srv.URL, MaxRetries: 1,
	})
	if err != nil {
		t.Fatalf("New after transient metadata failures: %v", err)
	}
	if _, err := c.ListPools(context.Background(), PoolFilter{}); err != nil {
		t.Fatalf("list with the metadata keys: %v", err)
	}
	failed := 0
	for _, r := range srv.Emulator.Requests() {
		if strings.HasPrefix(r.Path, "/meta-data/") || strings.HasPrefix(r.Path, "/openstack/") {
			if r.Dropped || r.Status >= 429 {
				failed++
			}
		}
	}
	if failed != 5 {
		t.Errorf("the metadata service failed %d requests, want the 5 faults met", failed)
	}

	srv.Emulator.AddFault(emulator.Fault{PathRegexp: "^/openstack/latest/securitykey$", Status: 503})
	_, err = New(context.Background(), Config{
		Region: emulator.DefaultRegion, ProjectID: testPID, Endpoint: srv.URL, IAMEndpoint: srv.URL,
		MetadataEndpoint: srv.URL, MaxRetries: 1,
	})
	if err == nil || !strings.Contains(err.Error(), "ECS metadata service") || !strings.Contains(err.Error(), "503") {
		t.Errorf("a lasting 503 gave %v, want an error naming the metadata service and the status", err)
	}
}

// TestAssumeRoleRidesOutTransientFailures: IAM's 503, 429 and a dropped
// connection (before or after it minted keys) are retried; asking again
// only mints another set, and the provider signs with the last one.
func TestAssumeRoleRidesOutTransientFailures(t *testing.T) {
	srv := startCredentialEmulator(t)
	srv.Emulator.AddAgency("partner_domain", "dli_operator")
	const path = "^/v3.0/OS-CREDENTIAL/securitytokens$"
	for _, f := range []emulator.Fault{
		{PathRegexp: path, Status: 503, Code: "IAM.0999", Count: 1},
		{PathRegexp: path, Status: 429, Code: "APIGW.0308", Count: 1},
		{PathRegexp: path, Drop: true, Count: 1},
		{PathRegexp: path, Drop: true, AfterApply: true, Count: 1},
	} {
		srv.Emulator.AddFault(f)
	}
	c, err := New(context.Background(), Config{
		Region: emulator.DefaultRegion, AccessKey: testAK, SecretKey: testSK, ProjectID: testPID,
		Endpoint: srv.URL, IAMEndpoint: srv.URL, MaxRetries: 5,
		AssumeRole: &AssumeRole{AgencyName: "dli_operator", DomainName: "partner_domain"},
	})
	if err != nil {
		t.Fatalf("New after transient IAM failures: %v", err)
	}
	if _, err := c.ListPools(context.Background(), PoolFilter{}); err != nil {
		t.Fatalf("list with the agency's keys: %v", err)
	}
	roles := srv.Emulator.AssumedRoles()
	if len(roles) < 2 {
		t.Fatalf("want the agency assumed again after the failures, got %+v", roles)
	}
	if s := signersOf(srv.Emulator); len(s) != 1 || s[0] != roles[len(roles)-1].AccessKey {
		t.Fatalf("want the DLI request signed by the last keys %s, got %v", roles[len(roles)-1].AccessKey, s)
	}
}
