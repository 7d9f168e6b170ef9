package emulator

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// The SDK-HMAC-SHA256 scheme, rebuilt from the wire so that any request the
// official SDK signs verifies here and any change to a signed part does not.
const (
	signAlgorithm   = "SDK-HMAC-SHA256"
	sdkDateFormat   = "20060102T150405Z"
	headerSdkDate   = "X-Sdk-Date"
	headerAuthToken = "X-Auth-Token"
	headerSecToken  = "X-Security-Token"
	headerContentSH = "x-sdk-content-sha256"
)

// authenticate accepts a valid signature or, when configured, the token.
// Error messages never include the signature, the token or any secret.
func (e *Emulator) authenticate(r *http.Request, body []byte) *apiError {
	if e.cfg.Token != "" {
		if tok := r.Header.Get(headerAuthToken); tok != "" {
			if subtle.ConstantTimeCompare([]byte(tok), []byte(e.cfg.Token)) == 1 {
				return nil
			}
			return authFailed("the token is invalid")
		}
	}
	authz := r.Header.Get("Authorization")
	if authz == "" {
		return authFailed("the Authorization header is missing")
	}
	ak, signed, sig, ok := parseAuthorization(authz)
	if !ok {
		return authFailed("the Authorization header is malformed")
	}
	sk, wantToken := e.cfg.SecretKey, e.cfg.SecurityToken
	if subtle.ConstantTimeCompare([]byte(ak), []byte(e.cfg.AccessKey)) != 1 {
		// Temporary keys from IAM or the metadata service (iam.go) sign
		// like any others, with their token, until they expire.
		k, found := e.temporaryKey(ak)
		if !found {
			return authFailed("the access key is unknown")
		}
		if !e.now().Before(k.expires) {
			return authFailed("the temporary access key has expired")
		}
		sk, wantToken = k.sk, k.token
	}
	date := r.Header.Get(headerSdkDate)
	if date == "" || !contains(signed, strings.ToLower(headerSdkDate)) {
		return authFailed("the X-Sdk-Date header is missing or not signed")
	}
	t, err := time.Parse(sdkDateFormat, date)
	if err != nil {
		return authFailed("the X-Sdk-Date header is malformed")
	}
	if skew := e.now().Sub(t); skew > e.cfg.MaxSkew || skew < -e.cfg.MaxSkew {
		return authFailed("the request time is outside the allowed skew")
	}
	want := signature(sk, date, canonicalRequest(r, signed, body))
	if !hmac.Equal([]byte(want), []byte(strings.ToLower(sig))) {
		return authFailed("the signature does not match")
	}
	return checkSecurityToken(r, signed, wantToken)
}

// signerOf is the access key named in the Authorization header, if any.
func signerOf(r *http.Request) string {
	ak, _, _, _ := parseAuthorization(r.Header.Get("Authorization"))
	return ak
}

// checkSecurityToken requires, when temporary credentials are configured, the
// security token in a signed X-Security-Token header: an AK/SK pair of
// temporary credentials is worthless without its token, and an unsigned
// token could be swapped in transit.
func checkSecurityToken(r *http.Request, signed []string, want string) *apiError {
	if want == "" {
		return nil
	}
	tok := r.Header.Get(headerSecToken)
	if tok == "" || !contains(signed, strings.ToLower(headerSecToken)) {
		return authFailed("the X-Security-Token header is missing or not signed")
	}
	if subtle.ConstantTimeCompare([]byte(tok), []byte(want)) != 1 {
		return authFailed("the security token is invalid")
	}
	return nil
}

// parseAuthorization splits
// "SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex".
func parseAuthorization(v string) (ak string, signed []string, sig string, ok bool) {
	rest, found := strings.CutPrefix(v, signAlgorithm+" ")
	if !found {
		return "", nil, "", false
	}
	for _, part := range strings.Split(rest, ",") {
		k, val, found := strings.Cut(strings.TrimSpace(part), "=")
		if !found {
			return "", nil, "", false
		}
		switch k {
		case "Access":
			ak = val
		case "SignedHeaders":
			signed = strings.Split(val, ";")
		case "Signature":
			sig = val
		}
	}
	return ak, signed, sig, ak != "" && len(signed) > 0 && sig != ""
}

func canonicalRequest(r *http.Request, signed []string, body []byte) string {
	return strings.Join([]string{
		r.Method,
		canonicalURI(r.URL.Path),
		canonicalQuery(r.URL.RawQuery),
		canonicalHeaders(r, signed),
		strings.Join(signed, ";"),
		payloadHash(r, signed, body),
	}, "\n")
}

// canonicalURI escapes each segment and always ends with '/'.
func canonicalURI(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = sdkEscape(s)
	}
	u := strings.Join(segs, "/")
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

func canonicalQuery(raw string) string {
	q, err := url.ParseQuery(raw)
	if err != nil {
		// An unparsable query cannot match any signature the SDK made.
		return "\x00invalid"
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		vals := append([]string(nil), q[k]...)
		sort.Strings(vals)
		for _, v := range vals {
			parts = append(parts, sdkEscape(k)+"="+sdkEscape(v))
		}
	}
	return strings.Join(parts, "&")
}

// canonicalHeaders ends with a newline, so the canonical request has an empty
// line before the signed header list, exactly as the SDK builds it.
func canonicalHeaders(r *http.Request, signed []string) string {
	var lines []string
	for _, name := range signed {
		var vals []string
		if name == "host" {
			vals = []string{r.Host}
		} else {
			vals = append(vals, r.Header.Values(name)...)
		}
		sort.Strings(vals)
		for _, v := range vals {
			lines = append(lines, name+":"+strings.TrimSpace(v))
		}
	}
	return strings.Join(lines, "\n") + "\n"
}

func payloadHash(r *http.Request, signed []string, body []byte) string {
	if contains(signed, headerContentSH) {
		if v := r.Header.Get(headerContentSH); v != "" {
			return v
		}
	}
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

func signature(sk, date, canonical string) string {
	sum := sha256.Sum256([]byte(canonical))
	sts := signAlgorithm + "\n" + date + "\n" + hex.EncodeToString(sum[:])
	mac := hmac.New(sha256.New, []byte(sk))
	mac.Write([]byte(sts))
	return hex.EncodeToString(mac.Sum(nil))
}

// sdkEscape percent-encodes everything but unreserved characters, upper-case hex.
func sdkEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '~' || c == '.' {
			b.WriteByte(c)
			continue
		}
		const hexdig = "0123456789ABCDEF"
		b.WriteByte('%')
		b.WriteByte(hexdig[c>>4])
		b.WriteByte(hexdig[c&15])
	}
	return b.String()
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
