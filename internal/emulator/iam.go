package emulator

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"
)

// The IAM and ECS metadata calls behind temporary credentials: an agency
// assumed through IAM, and the keys an ECS server's agency gets from the
// metadata service. Both hand out temporary keys that the emulator then
// accepts for signing, with their security token, until they expire.

// Paths of the ECS metadata service (ECS user guide "Obtaining Metadata"; the
// SDK's core/auth/internal/metadata_accessor.go).
const (
	metadataTokenPath       = "/meta-data/latest/api/token"
	metadataSecurityKeyPath = "/openstack/latest/securitykey"
	metadataTokenHeader     = "X-Metadata-Token"
	// metadataNoAgency is the SDK's ConfigAgencyError: what the metadata
	// service says when the server has no agency.
	metadataNoAgency = "Please configure Cloud Service Agency first"
)

// Bounds and default of duration_seconds ("Obtaining a Temporary Access Key
// and Security Token Through an Agency": 15 minutes to 24 hours, default 15 minutes).
const (
	assumeMinDuration     = 15 * time.Minute
	assumeMaxDuration     = 24 * time.Hour
	assumeDefaultDuration = 15 * time.Minute
	// DefaultMetadataKeyTTL is how long the metadata service's keys live
	// unless SetMetadataKeyTTL says otherwise (assumption: ECS does not
	// document it; the SDK renews them 40 minutes before expires_at).
	DefaultMetadataKeyTTL = 24 * time.Hour
)

// AssumeRecord is one agency assumed through IAM.
type AssumeRecord struct {
	DomainName string
	AgencyName string
	Duration   time.Duration
	// CallerAccessKey is the access key that signed the request.
	CallerAccessKey string
	// AccessKey is the temporary access key handed out.
	AccessKey string
}

// iamState holds agencies and the temporary keys handed out.
type iamState struct {
	mu             sync.Mutex
	agencies       map[string]bool // domain name + "/" + agency name
	temp           map[string]tempKey
	assumed        []AssumeRecord
	metadataAgency string // the ECS server's agency; "" = none
	metadataTTL    time.Duration
	metadataToken  string
}

type tempKey struct {
	sk, token string
	expires   time.Time
}

func (s *iamState) init() {
	if s.temp == nil {
		s.temp = map[string]tempKey{}
		s.agencies = map[string]bool{}
	}
}

// AddAgency lets callers assume agencyName of domainName.
func (e *Emulator) AddAgency(domainName, agencyName string) {
	e.iam.mu.Lock()
	defer e.iam.mu.Unlock()
	e.iam.init()
	e.iam.agencies[domainName+"/"+agencyName] = true
}

// SetMetadataAgency attaches an agency to the emulated ECS server, so that
// its metadata service hands out temporary keys; "" detaches it.
func (e *Emulator) SetMetadataAgency(agencyName string) {
	e.iam.mu.Lock()
	defer e.iam.mu.Unlock()
	e.iam.metadataAgency = agencyName
}

// SetMetadataKeyTTL sets the lifetime of the keys the metadata service
// hands out from now on (0: DefaultMetadataKeyTTL).
func (e *Emulator) SetMetadataKeyTTL(d time.Duration) {
	e.iam.mu.Lock()
	defer e.iam.mu.Unlock()
	e.iam.metadataTTL = d
}

// AssumedRoles lists the agencies assumed so far, oldest first.
func (e *Emulator) AssumedRoles() []AssumeRecord {
	e.iam.mu.Lock()
	defer e.iam.mu.Unlock()
	return append([]AssumeRecord(nil), e.iam.assumed...)
}

// IssuedKey is one set of temporary keys the emulator handed out.
type IssuedKey struct {
	AccessKey, SecretKey, SecurityToken string
	Expires                             time.Time
}

// IssuedKeys lists every set of temporary keys handed out, for tests that
// check the secrets never reach logs or errors.
func (e *Emulator) IssuedKeys() []IssuedKey {
	e.iam.mu.Lock()
	defer e.iam.mu.Unlock()
	out := make([]IssuedKey, 0, len(e.iam.temp))
	for ak, k := range e.iam.temp {
		out = append(out, IssuedKey{AccessKey: ak, SecretKey: k.sk, SecurityToken: k.token, Expires: k.expires})
	}
	return out
}

// issue creates temporary keys valid for ttl. The caller holds iam.mu.
func (s *iamState) issue(now time.Time, ttl time.Duration) (string, tempKey) {
	s.init()
	ak := "TMP" + strings.ToUpper(randomHex(10))
	k := tempKey{sk: randomHex(20), token: "tok-" + randomHex(32), expires: now.Add(ttl)}
	s.temp[ak] = k
	return ak, k
}

// temporaryKey looks up keys handed out by issue.
func (e *Emulator) temporaryKey(ak string) (tempKey, bool) {
	e.iam.mu.Lock()
	defer e.iam.mu.Unlock()
	k, ok := e.iam.temp[ak]
	return k, ok
}

// credentialDoc is the "credential" object of IAM's and the metadata
// service's answers (SDK model services/iam/v3/model/model_credential.go).
func credentialDoc(ak string, k tempKey) map[string]any {
	return map[string]any{"credential": map[string]any{
		"access": ak, "secret": k.sk, "securitytoken": k.token,
		"expires_at": k.expires.UTC().Format("2006-01-02T15:04:05.000000Z"),
	}}
}

// assumeRole is IAM's POST /v3.0/OS-CREDENTIAL/securitytokens with methods
// ["assume_role"]. It runs after the signature check, like every call.
func assumeRole(e *Emulator, c *call) (int, any, *apiError) {
	var b struct {
		Auth struct {
			Identity struct {
				Methods    []string `json:"methods"`
				AssumeRole *struct {
					AgencyName      string `json:"agency_name"`
					DomainName      string `json:"domain_name"`
					DomainID        string `json:"domain_id"`
					DurationSeconds *int64 `json:"duration_seconds"`
				} `json:"assume_role"`
			} `json:"identity"`
		} `json:"auth"`
	}
	if err := json.Unmarshal(c.body, &b); err != nil {
		return 0, nil, errf(http.StatusBadRequest, "IAM.0011", "Request body is invalid.")
	}
	id := b.Auth.Identity
	ar := id.AssumeRole
	if !contains(id.Methods, "assume_role") || ar == nil {
		return 0, nil, errf(http.StatusBadRequest, "IAM.0011", "auth.identity.methods must be [\"assume_role\"] with auth.identity.assume_role")
	}
	if ar.AgencyName == "" || (ar.DomainName == "" && ar.DomainID == "") {
		return 0, nil, errf(http.StatusBadRequest, "IAM.0011", "assume_role needs agency_name and domain_name or domain_id")
	}
	ttl := assumeDefaultDuration
	if ar.DurationSeconds != nil {
		ttl = time.Duration(*ar.DurationSeconds) * time.Second
		if ttl < assumeMinDuration || ttl > assumeMaxDuration {
			return 0, nil, errf(http.StatusBadRequest, "IAM.0011",
				"duration_seconds must be between 900 and 86400, got %d", *ar.DurationSeconds)
		}
	}
	e.iam.mu.Lock()
	defer e.iam.mu.Unlock()
	e.iam.init()
	if !e.iam.agencies[ar.DomainName+"/"+ar.AgencyName] {
		return 0, nil, errf(http.StatusForbidden, "IAM.0002",
			"You do not have permission to assume agency %s of domain %s", ar.AgencyName, ar.DomainName)
	}
	ak, k := e.iam.issue(c.now, ttl)
	e.iam.assumed = append(e.iam.assumed, AssumeRecord{
		DomainName: ar.DomainName, AgencyName: ar.AgencyName, Duration: ttl, CallerAccessKey: signerOf(c.r), AccessKey: ak,
	})
	return http.StatusCreated, credentialDoc(ak, k), nil
}

// isMetadataPath reports a request for the ECS metadata service, which is
// not signed.
func isMetadataPath(p string) bool {
	return p == metadataTokenPath || p == metadataSecurityKeyPath
}

// serveMetadata answers the metadata service: a session token for PUT
// /meta-data/latest/api/token, and for GET /openstack/latest/securitykey
// the temporary keys of the server's agency (401 with the SDK's
// "configure Cloud Service Agency" text when there is none). A token is
// optional (the huaweicloud provider asks without one), but a wrong one is
// refused with 401, which makes the SDK ask for a new token.
func (e *Emulator) serveMetadata(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rw := &recordingWriter{ResponseWriter: w, status: http.StatusOK}
	dropped := false
	defer func() {
		status := rw.status
		if dropped {
			status = 0
		}
		e.record(RequestRecord{Method: r.Method, Path: r.URL.Path, UserAgent: r.UserAgent(),
			Status: status, Time: start, Duration: time.Since(start), Dropped: dropped})
	}()
	// Faults reach the metadata service too (an unanswered or failed
	// request before it answers), so that tests can show the provider
	// rides them out as it does DLI's.
	if f, hit := e.matchFault(r.Method, r.URL.Path); hit {
		if f.Drop {
			if conn := hijack(w); conn != nil {
				dropped = true
				_ = conn.Close()
				return
			}
		}
		if f.Status != 0 {
			http.Error(rw, f.Message, f.Status)
			return
		}
	}
	e.iam.mu.Lock()
	defer e.iam.mu.Unlock()
	switch {
	case r.URL.Path == metadataTokenPath && r.Method == http.MethodPut:
		e.iam.metadataToken = randomHex(16)
		rw.Header().Set("Content-Type", "text/plain")
		rw.WriteHeader(http.StatusOK)
		_, _ = rw.Write([]byte(e.iam.metadataToken))
	case r.URL.Path == metadataSecurityKeyPath && r.Method == http.MethodGet:
		if tok := r.Header.Get(metadataTokenHeader); tok != "" && tok != e.iam.metadataToken {
			http.Error(rw, "invalid metadata token", http.StatusUnauthorized)
			return
		}
		if e.iam.metadataAgency == "" {
			http.Error(rw, metadataNoAgency, http.StatusUnauthorized)
			return
		}
		ttl := e.iam.metadataTTL
		if ttl <= 0 {
			ttl = DefaultMetadataKeyTTL
		}
		ak, k := e.iam.issue(e.now(), ttl)
		writeJSON(rw, http.StatusOK, credentialDoc(ak, k))
	default:
		http.Error(rw, "not found", http.StatusNotFound)
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
