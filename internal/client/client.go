package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	dli "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1"
)

// DefaultCloud is the domain suffix of the public Huawei Cloud endpoints.
const DefaultCloud = "myhuaweicloud.com"

// Config holds everything New needs to reach DLI.
type Config struct {
	Region        string
	AccessKey     string
	SecretKey     string
	SecurityToken string // temporary credentials only
	ProjectID     string // resolved through IAM when empty

	// MetadataEndpoint, when AccessKey and SecretKey are empty, is the base
	// URL of the ECS metadata service that hands out the temporary keys of
	// the server's agency (DefaultMetadataEndpoint on ECS); the keys are
	// renewed before they expire (credentials.go).
	MetadataEndpoint string
	// AssumeRole, when set, trades the keys above (static or from the
	// metadata service) for temporary keys of an agency, renewed the same way.
	AssumeRole *AssumeRole
	// EnterpriseProjectID is the enterprise project that resources created
	// without their own are put in; empty leaves the service default.
	EnterpriseProjectID string

	Endpoint    string // DLI base URL; default https://dli.{Region}.{Cloud}
	IAMEndpoint string // IAM base URL; default https://iam.{Region}.{Cloud}
	Cloud       string // domain suffix; default DefaultCloud
	Insecure    bool   // skip TLS verification; only for test endpoints

	// MaxRetries bounds the retries of one call after a transient failure.
	// 0 means no retry at all; the provider passes its own default (5).
	MaxRetries int
	// UserAgent is appended to the SDK's user agent, e.g. "terraform-provider-dli/0.1.0".
	UserAgent string
	// Timeout bounds one HTTP exchange; 0 keeps the SDK default (120s).
	Timeout time.Duration
	// RateLimit is the most requests per second the client sends, before
	// any throttling answer lowers it (throttle.go); 0 means DefaultRateLimit.
	RateLimit float64
}

// Client talks to one DLI project in one region. It is safe for concurrent use.
type Client struct {
	// dli is the SDK's typed DLI client; hc is the same HTTP client, used
	// directly for the operations whose SDK models miss something (doc.go).
	dli        *dli.DliClient
	hc         *core.HcHttpClient
	region     string
	projectID  string
	maxRetries int
	backoff    backoff
	// busyBackoff paces the retries of calls refused because a new queue
	// is still being assigned resources (retry.go).
	busyBackoff backoff
	redact      *redactor
	// defaultEPS is Config.EnterpriseProjectID.
	defaultEPS string
	transport  *callTransport
	// allQueues shares the list of every queue among concurrent
	// FindQueueListItem calls (sharedlist.go).
	allQueues sharedList[[]Queue]
	// allConnections shares the list of every connection among concurrent
	// ConnectionsBinding calls.
	allConnections sharedList[[]Connection]
	// unbound remembers what was unbound from connections before a delete
	// (unbound.go).
	unbound unboundLedger
	// deleting holds the queues this run is deleting (see deletingQueues).
	deleting deletingQueues
	// writes and batches serve Reads from shared lists until this process
	// writes (readbatch.go).
	writes  writeTracker
	batches readBatches
	// polls coalesces the polls of concurrent waits into list calls
	// (pollbatch.go).
	polls pollBatches
}

// New validates cfg, builds the SDK client and, when cfg.ProjectID is empty,
// resolves the project of cfg.Region once through IAM.
func New(ctx context.Context, cfg Config) (*Client, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	cloud := cfg.Cloud
	if cloud == "" {
		cloud = DefaultCloud
	}
	endpoint := cfg.Endpoint
	if endpoint == "" {
		endpoint = fmt.Sprintf("https://dli.%s.%s", cfg.Region, cloud)
	}
	iamEndpoint := cfg.IAMEndpoint
	if iamEndpoint == "" {
		iamEndpoint = fmt.Sprintf("https://iam.%s.%s", cfg.Region, cloud)
	}

	c := &Client{
		region:      cfg.Region,
		projectID:   cfg.ProjectID,
		maxRetries:  cfg.MaxRetries,
		backoff:     defaultBackoff(),
		busyBackoff: busyBackoff(),
		redact:      newRedactor(cfg.SecretKey, cfg.SecurityToken),
		defaultEPS:  cfg.EnterpriseProjectID,
	}
	c.polls.spaceRounds()
	c.transport = newCallTransport(cfg.Insecure)
	c.transport.throttle = newThrottle(cfg.RateLimit)

	ring, err := c.signingKeys(ctx, cfg, iamEndpoint)
	if err != nil {
		return nil, err
	}
	if c.projectID == "" {
		iam, err := c.buildHC(cfg, iamEndpoint, "", ring)
		if err != nil {
			return nil, err
		}
		id, err := c.resolveProjectID(ctx, iam, cfg.Region)
		if err != nil {
			return nil, err
		}
		c.projectID = id
	}

	hc, err := c.buildHC(cfg, endpoint, c.projectID, ring)
	if err != nil {
		return nil, err
	}
	c.hc = hc
	c.dli = dli.NewDliClient(hc)
	return c, nil
}

// ThrottleStats reports the client's current request rate limit (requests
// per second) and how many throttling answers (429) it has received.
func (c *Client) ThrottleStats() (ratePerSecond float64, throttled int) {
	return c.transport.throttle.stats()
}

// signingKeys builds the key ring every request is signed with: the static
// keys or the metadata service's, traded for an agency's when cfg.AssumeRole
// is set. The first keys are obtained now, so that a wrong agency or a
// server without one fails while the provider is configured.
func (c *Client) signingKeys(ctx context.Context, cfg Config, iamEndpoint string) (*keyRing, error) {
	ring := &keyRing{fetch: staticKeys(cfg), redact: c.redact, fetchTimeout: 30 * time.Second}
	if cfg.AccessKey == "" && cfg.SecretKey == "" {
		ring.fetch = metadataKeys(cfg.MetadataEndpoint, metadataHTTPClient())
	}
	if cfg.AssumeRole != nil {
		iam, err := c.buildHC(cfg, iamEndpoint, "", ring)
		if err != nil {
			return nil, err
		}
		ring = &keyRing{fetch: c.assumedKeys(iam, *cfg.AssumeRole), redact: c.redact, fetchTimeout: ring.fetchTimeout}
	}
	if _, err := ring.current(ctx); err != nil {
		return nil, err
	}
	return ring, nil
}

// ProjectID is the project every request is scoped to.
func (c *Client) ProjectID() string { return c.projectID }

// Region is the region the client was built for.
func (c *Client) Region() string { return c.region }

func (cfg Config) validate() error {
	var missing []string
	if strings.TrimSpace(cfg.Region) == "" {
		missing = append(missing, "region")
	}
	// Without keys, the metadata service is asked for them.
	if cfg.MetadataEndpoint == "" || cfg.AccessKey != "" || cfg.SecretKey != "" {
		if strings.TrimSpace(cfg.AccessKey) == "" {
			missing = append(missing, "access_key")
		}
		if strings.TrimSpace(cfg.SecretKey) == "" {
			missing = append(missing, "secret_key")
		}
	}
	if cfg.AssumeRole != nil && strings.TrimSpace(cfg.AssumeRole.AgencyName) == "" {
		missing = append(missing, "assume_role.agency_name")
	}
	if len(missing) > 0 {
		return fmt.Errorf("DLI client configuration: %s must be set", strings.Join(missing, ", "))
	}
	if cfg.RateLimit < 0 {
		return fmt.Errorf("DLI client configuration: the rate limit must not be negative, got %g", cfg.RateLimit)
	}
	if cfg.MaxRetries < 0 {
		return fmt.Errorf("DLI client configuration: max_retries must not be negative, got %d", cfg.MaxRetries)
	}
	for _, e := range []struct{ name, value string }{{"endpoint", cfg.Endpoint}, {"iam_endpoint", cfg.IAMEndpoint}} {
		if e.value != "" && !strings.HasPrefix(e.value, "http://") && !strings.HasPrefix(e.value, "https://") {
			return fmt.Errorf("DLI client configuration: %s must be an http(s) URL, got %q", e.name, e.value)
		}
	}
	return nil
}

// DefaultEnterpriseProjectID is the enterprise project resources created
// without their own go to (the provider's enterprise_project_id).
func (c *Client) DefaultEnterpriseProjectID() string { return c.defaultEPS }

// EnterpriseProjectOr returns eps, or the provider's default when eps is empty.
func (c *Client) EnterpriseProjectOr(eps string) string {
	if eps != "" {
		return eps
	}
	return c.defaultEPS
}

// buildHC assembles one SDK HTTP client for a base URL with the builder of
// the SDK's DLI service package (IAM takes the same: the builder only
// assembles endpoint, credentials and HTTP settings). The SDK's own retries
// stay off (ours are in retry.go) and no HttpHandler is installed, so the SDK
// never logs requests or their signed headers.
func (c *Client) buildHC(cfg Config, endpoint, projectID string, ring *keyRing) (*core.HcHttpClient, error) {
	creds := &ringCredential{ring: ring, projectID: projectID}
	httpCfg := config.DefaultHttpConfig().
		WithRetries(0).
		WithIgnoreSSLVerification(cfg.Insecure).
		WithHttpRoundTripper(c.transport)
	if cfg.Timeout > 0 {
		httpCfg = httpCfg.WithTimeout(cfg.Timeout)
	}
	if cfg.UserAgent != "" {
		httpCfg = httpCfg.WithUserAgent(cfg.UserAgent)
	}
	hc, err := dli.DliClientBuilder().
		WithEndpoints([]string{strings.TrimRight(endpoint, "/")}).
		WithCredential(creds).
		// The builder accepts only credential types it is told of; ours
		// signs as the SDK's basic credentials do (it delegates to them).
		WithCredentialsType(ringCredentialType).
		WithHttpConfig(httpCfg).
		SafeBuild()
	if err != nil {
		return nil, fmt.Errorf("DLI client configuration: %s", c.redact.Replace(err.Error()))
	}
	return hc, nil
}

// resolveProjectID asks IAM for the project named after the region.
func (c *Client) resolveProjectID(ctx context.Context, iam *core.HcHttpClient, region string) (string, error) {
	var out struct {
		envelope
		Projects []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"projects"`
	}
	err := c.doWith(ctx, iam, call{
		op:     "resolve project id of region " + region,
		method: http.MethodGet,
		path:   "/v3/projects",
		query:  []param{{"name", region}},
	}, &out)
	if err != nil {
		var apiErr *APIError
		if errors.As(err, &apiErr) && apiErr.Kind == KindAuth {
			return "", err
		}
		return "", fmt.Errorf("%w (set project_id to skip this lookup)", err)
	}
	for _, p := range out.Projects {
		if p.Name == region && p.ID != "" {
			return p.ID, nil
		}
	}
	return "", fmt.Errorf("resolve project id of region %s: IAM lists no project named %q; check region or set project_id", region, region)
}
