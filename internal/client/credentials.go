package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/impl"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/request"
	iammodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/iam/v3/model"
)

// Where the signing keys come from, and how temporary ones are renewed.
//
// The SDK's credential providers (core/auth/provider) were checked one by
// one and only its signing is used here:
//   - its environment provider reads HUAWEICLOUD_SDK_AK/SK, not the HW_*
//     names the huaweicloud provider documents, so the provider reads the
//     environment itself;
//   - its profile provider reads the INI file ~/.huaweicloud/credentials,
//     while the huaweicloud provider's shared_config_file is the KooCLI JSON
//     file ~/.hcloud/config.json (read by the provider package);
//   - its metadata provider always asks 169.254.169.254: the address is a
//     variable in an internal SDK package that no caller can set, so it could
//     never be pointed at the emulator, and the path users depend on on ECS
//     would be the one path no test exercises. metadataKeys below speaks the
//     same protocol (the SDK's metadata accessor: PUT a session token, then
//     GET /openstack/latest/securitykey) at a base URL the caller chooses.
// Assuming an agency uses the SDK's IAM request and response models.

// DefaultMetadataEndpoint is the ECS metadata service.
const DefaultMetadataEndpoint = "http://169.254.169.254"

// Paths and headers of the ECS metadata service (ECS user guide "Obtaining
// Metadata"; the SDK's core/auth/internal/metadata_accessor.go).
const (
	metadataTokenPath       = "/meta-data/latest/api/token"
	metadataSecurityKeyPath = "/openstack/latest/securitykey"
	metadataTokenHeader     = "X-Metadata-Token"
	metadataTokenTTLHeader  = "X-Metadata-Token-Ttl-Seconds"
	metadataTokenTTL        = 6 * 60 * 60
)

// AssumeRole asks IAM for temporary keys of an agency, signed with the base
// keys (static or from the metadata service).
type AssumeRole struct {
	AgencyName string
	DomainName string
	// Duration of the temporary keys; 0 leaves IAM's default (15 minutes).
	Duration time.Duration
}

// keys are one set of signing keys. A zero expires never expires.
type keys struct {
	ak, sk, token string
	expires       time.Time
	fetched       time.Time
}

// stale reports whether the keys should be renewed before the next request:
// in the last quarter of their life, at most five minutes before they expire,
// so that a request signed now still arrives while they are valid.
func (k keys) stale(now time.Time) bool {
	if k.expires.IsZero() {
		return false
	}
	margin := k.expires.Sub(k.fetched) / 4
	if margin > 5*time.Minute {
		margin = 5 * time.Minute
	}
	return !now.Before(k.expires.Add(-margin))
}

// keySource fetches a fresh set of keys.
type keySource func(ctx context.Context) (keys, error)

// keyRing holds the current keys of one client and renews them through
// fetch when they go stale; every SDK client of the Client signs with it.
type keyRing struct {
	mu     sync.Mutex
	fetch  keySource
	cur    keys
	redact *redactor
	// fetchTimeout bounds one renewal, which runs outside any request context.
	fetchTimeout time.Duration
}

// current returns keys fit to sign a request now, renewing them when stale.
// A failed renewal keeps the old keys while they are still valid: the next
// request tries again.
func (r *keyRing) current(ctx context.Context) (keys, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := time.Now()
	if r.cur.ak != "" && !r.cur.stale(now) {
		return r.cur, nil
	}
	k, err := r.fetch(ctx)
	if err != nil {
		if r.cur.ak != "" && now.Before(r.cur.expires) {
			tflog.Warn(ctx, "renewing temporary credentials failed; the current ones stay in use until they expire",
				map[string]any{"error": r.redact.Replace(err.Error()), "expires": r.cur.expires.Format(time.RFC3339)})
			return r.cur, nil
		}
		// Every source's errors are free of secrets: IAM answers pass
		// through the client's redaction, metadata answers carry no keys
		// unless they succeed.
		return keys{}, fmt.Errorf("obtaining credentials: %w", err)
	}
	r.redact.add(k.sk, k.token)
	if !k.expires.IsZero() {
		tflog.Debug(ctx, "obtained temporary credentials", map[string]any{"expires": k.expires.Format(time.RFC3339)})
	}
	r.cur = k
	return k, nil
}

// ringCredential is the SDK credential of one SDK client: each request is
// signed by the SDK's own basic credentials built from the ring's current keys.
type ringCredential struct {
	ring      *keyRing
	projectID string
}

var _ auth.ICredential = (*ringCredential)(nil)

// ringCredentialType is the type name the SDK's client builder checks.
var ringCredentialType = reflect.TypeOf(ringCredential{}).String()

// ProcessAuthParams has nothing to resolve: the project id is known (or, for
// the IAM client, not needed).
func (c *ringCredential) ProcessAuthParams(*impl.DefaultHttpClient, string) (auth.ICredential, error) {
	return c, nil
}

// ProcessAuthRequest signs one request.
func (c *ringCredential) ProcessAuthRequest(hc *impl.DefaultHttpClient, req *request.DefaultHttpRequest) (*request.DefaultHttpRequest, error) {
	ctx, cancel := context.WithTimeout(context.Background(), c.ring.fetchTimeout)
	defer cancel()
	k, err := c.ring.current(ctx)
	if err != nil {
		return nil, err
	}
	b := basic.NewCredentialsBuilder().WithAk(k.ak).WithSk(k.sk).WithProjectId(c.projectID)
	if k.token != "" {
		b = b.WithSecurityToken(k.token)
	}
	creds, err := b.SafeBuild()
	if err != nil {
		// The SDK's message names the bad field; it carries no secret values.
		return nil, fmt.Errorf("invalid credentials: %s", c.ring.redact.Replace(err.Error()))
	}
	return creds.ProcessAuthRequest(hc, req)
}

// staticKeys are keys given by the user: they never expire.
func staticKeys(cfg Config) keySource {
	return func(context.Context) (keys, error) {
		return keys{ak: cfg.AccessKey, sk: cfg.SecretKey, token: cfg.SecurityToken}, nil
	}
}

// metadataKeys asks the ECS metadata service for the temporary keys of the
// agency attached to this server, as the SDK's metadata accessor does: a
// session token first (a service that does not know tokens answers 404 or
// 405, and the keys are then asked for without one), then the security key.
func metadataKeys(base string, hc *http.Client) keySource {
	base = strings.TrimRight(base, "/")
	return func(ctx context.Context) (keys, error) {
		var token string
		req, err := http.NewRequestWithContext(ctx, http.MethodPut, base+metadataTokenPath, http.NoBody)
		if err != nil {
			return keys{}, err
		}
		req.Header.Set(metadataTokenTTLHeader, strconv.Itoa(metadataTokenTTL))
		status, body, err := metadataExchange(hc, req)
		switch {
		case err != nil:
			return keys{}, fmt.Errorf("ECS metadata service at %s: %w", base, err)
		case status == http.StatusOK:
			token = strings.TrimSpace(string(body))
		case status == http.StatusNotFound || status == http.StatusMethodNotAllowed:
		default:
			return keys{}, fmt.Errorf("ECS metadata service at %s: session token: HTTP %d", base, status)
		}

		req, err = http.NewRequestWithContext(ctx, http.MethodGet, base+metadataSecurityKeyPath, http.NoBody)
		if err != nil {
			return keys{}, err
		}
		if token != "" {
			req.Header.Set(metadataTokenHeader, token)
		}
		status, body, err = metadataExchange(hc, req)
		if err != nil {
			return keys{}, fmt.Errorf("ECS metadata service at %s: %w", base, err)
		}
		if status != http.StatusOK {
			// The body may explain (e.g. no agency attached to the server);
			// it holds no keys when the status is not 200.
			return keys{}, fmt.Errorf("ECS metadata service at %s: security key: HTTP %d: %s "+
				"(the server needs an agency that lets ECS obtain temporary keys)", base, status, shorten(string(body), 200))
		}
		var doc struct {
			Credential iammodel.Credential `json:"credential"`
		}
		if err := json.Unmarshal(body, &doc); err != nil {
			return keys{}, fmt.Errorf("ECS metadata service at %s: the security key document is not JSON", base)
		}
		return temporaryKeys("ECS metadata service", doc.Credential)
	}
}

// metadataAttempts bounds how often one metadata request is sent. The
// service runs on the server itself: a failure that outlasts a few seconds
// of retries is not a passing one.
const metadataAttempts = 5

// metadataExchange sends one request to the metadata service, again after
// a dropped connection, a 5xx or a 429 (with the client's backoff, within
// the request's context), and reads at most 64 KiB of the answer. Both
// requests only read or mint a token, so sending them again is harmless.
func metadataExchange(hc *http.Client, req *http.Request) (int, []byte, error) {
	b := defaultBackoff()
	for n := 0; ; n++ {
		status, body, err := metadataOnce(hc, req.Clone(req.Context()))
		transient := err != nil || status == http.StatusTooManyRequests || status >= http.StatusInternalServerError
		if !transient || n+1 >= metadataAttempts {
			return status, body, err
		}
		t := time.NewTimer(b.delay(n))
		select {
		case <-t.C:
		case <-req.Context().Done():
			t.Stop()
			return status, body, err
		}
	}
}

// metadataOnce sends one request to the metadata service.
func metadataOnce(hc *http.Client, req *http.Request) (int, []byte, error) {
	resp, err := hc.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	return resp.StatusCode, body, err
}

// temporaryKeys checks one credential document of IAM or the metadata
// service: all three parts and a readable expiry.
func temporaryKeys(from string, c iammodel.Credential) (keys, error) {
	if c.Access == "" || c.Secret == "" || c.Securitytoken == "" {
		return keys{}, fmt.Errorf("%s answered without an access key, secret key or security token", from)
	}
	exp, err := time.Parse(time.RFC3339Nano, c.ExpiresAt)
	if err != nil {
		return keys{}, fmt.Errorf("%s answered an unreadable expires_at %q", from, c.ExpiresAt)
	}
	return keys{ak: c.Access, sk: c.Secret, token: c.Securitytoken, expires: exp, fetched: time.Now()}, nil
}

// assumedKeys obtains temporary keys of an agency from IAM ("Obtaining a
// Temporary Access Key and Security Token Through an Agency", POST
// /v3.0/OS-CREDENTIAL/securitytokens), signing with the base keys held by
// iam. Each renewal asks IAM again, so metadata base keys renew first.
func (c *Client) assumedKeys(iam *core.HcHttpClient, role AssumeRole) keySource {
	return func(ctx context.Context) (keys, error) {
		ar := &iammodel.IdentityAssumerole{AgencyName: role.AgencyName}
		if role.DomainName != "" {
			ar.DomainName = &role.DomainName
		}
		if role.Duration > 0 {
			d := int32(role.Duration / time.Second)
			ar.DurationSeconds = &d
		}
		body := iammodel.CreateTemporaryAccessKeyByAgencyRequestBody{Auth: &iammodel.AgencyAuth{
			Identity: &iammodel.AgencyAuthIdentity{
				Methods:    []iammodel.AgencyAuthIdentityMethods{iammodel.GetAgencyAuthIdentityMethodsEnum().ASSUME_ROLE},
				AssumeRole: ar,
			},
		}}
		var out struct {
			envelope
			Credential *iammodel.Credential `json:"credential"`
		}
		err := c.doWith(ctx, iam, call{
			op:     fmt.Sprintf("assume agency %s of domain %s", role.AgencyName, role.DomainName),
			method: http.MethodPost,
			path:   "/v3.0/OS-CREDENTIAL/securitytokens",
			body:   body,
			// A new set of temporary keys harms nothing: safe to send again.
			idempotent: true,
		}, &out)
		if err != nil {
			return keys{}, err
		}
		if out.Credential == nil {
			return keys{}, errors.New("IAM answered the agency request without a credential")
		}
		return temporaryKeys("IAM", *out.Credential)
	}
}

// redactor removes secrets from any text that may reach an error or a log;
// temporary secrets join it as they are obtained.
type redactor struct {
	mu      sync.RWMutex
	secrets []string
	r       *strings.Replacer
}

func newRedactor(secrets ...string) *redactor {
	r := &redactor{}
	r.add(secrets...)
	return r
}

func (r *redactor) add(secrets ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range secrets {
		if s != "" {
			r.secrets = append(r.secrets, s)
		}
	}
	pairs := make([]string, 0, 2*len(r.secrets))
	for _, s := range r.secrets {
		pairs = append(pairs, s, "[redacted]")
	}
	r.r = strings.NewReplacer(pairs...)
}

// Replace returns s without any known secret.
func (r *redactor) Replace(s string) string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.r.Replace(s)
}

// metadataHTTPClient reaches the metadata service directly: it is a
// link-local address that no proxy can serve, and it answers at once or not
// at all (the SDK waits 3 seconds).
func metadataHTTPClient() *http.Client {
	return &http.Client{
		Timeout:   5 * time.Second,
		Transport: &http.Transport{Proxy: nil},
	}
}
