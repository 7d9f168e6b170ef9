package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/signer"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/request"
)

// Fuzz targets for the two parts of the emulator that read untrusted bytes:
// request decoding (every endpoint's JSON body) and signature verification.
// `go test` runs them over the seed corpus in testdata/fuzz; `make fuzz` (or
// `go test -fuzz=FuzzX ./internal/emulator/`) explores further.

// fuzzEndpoints are the endpoints whose handlers decode a body or read
// parameters; the fuzzer picks one by index.
var fuzzEndpoints = []struct{ method, path string }{
	{"POST", "/v3/{pid}/elastic-resource-pools"},
	{"PUT", "/v3/{pid}/elastic-resource-pools/fz_pool"},
	{"POST", "/v3/{pid}/elastic-resource-pools/fz_pool/queues"},
	{"PUT", "/v3/{pid}/elastic-resource-pools/fz_pool/queues/fz_queue"},
	{"POST", "/v1.0/{pid}/queues"},
	{"PUT", "/v1.0/{pid}/queues/fz_queue/action"},
	{"POST", "/v3/{pid}/queues/fz_queue/properties"},
	{"PUT", "/v3/{pid}/queues/fz_queue/properties"},
	{"DELETE", "/v3/{pid}/queues/fz_queue/properties"},
	{"POST", "/v2.0/{pid}/datasource/enhanced-connections"},
	{"PUT", "/v2.0/{pid}/datasource/enhanced-connections/{conn}"},
	{"POST", "/v2.0/{pid}/datasource/enhanced-connections/{conn}/associate-queue"},
	{"POST", "/v2.0/{pid}/datasource/enhanced-connections/{conn}/disassociate-queue"},
	{"POST", "/v3/{pid}/datasource/enhanced-connections/{conn}/routes"},
	{"GET", "/v3/{pid}/elastic-resource-pools"},
	{"GET", "/v1.0/{pid}/queues"},
	// Appended, not inserted: the committed corpus picks endpoints by index.
	{"GET", "/v2.0/{pid}/datasource/enhanced-connections"},
}

// fuzzEmulator is an emulator holding one pool, queue and connection, so the
// fuzzed bodies reach the handlers' validation of existing objects too.
func fuzzEmulator(t testing.TB) (*Emulator, string) {
	t.Helper()
	e, err := New(Config{AccessKey: testAK, SecretKey: testSK})
	if err != nil {
		t.Fatal(err)
	}
	setup := []struct{ method, path, body string }{
		{"POST", "/v3/{pid}/elastic-resource-pools", `{"elastic_resource_pool_name":"fz_pool","min_cu":64,"max_cu":128}`},
		{"POST", "/v1.0/{pid}/queues", `{"queue_name":"fz_queue","cu_count":16,"elastic_resource_pool_name":"fz_pool"}`},
		{"POST", "/v2.0/{pid}/datasource/enhanced-connections", `{"name":"fz_conn","dest_vpc_id":"v","dest_network_id":"s"}`},
	}
	var conn string
	for _, s := range setup {
		rec := serveSigned(t, e, s.method, strings.ReplaceAll(s.path, "{pid}", e.ProjectID()), "", []byte(s.body))
		if rec.Code >= 300 {
			t.Fatalf("setup %s %s: %d %s", s.method, s.path, rec.Code, rec.Body)
		}
		var out struct {
			ID string `json:"connection_id"`
		}
		_ = json.Unmarshal(rec.Body.Bytes(), &out)
		if out.ID != "" {
			conn = out.ID
		}
	}
	return e, conn
}

// serveSigned sends one request straight into the handler, signed the way the
// SDK signs (content-type, host and X-Sdk-Date), so the body reaches decoding.
func serveSigned(t testing.TB, e *Emulator, method, path, rawQuery string, body []byte) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, "http://127.0.0.1"+path, bytes.NewReader(body))
	r.URL.RawQuery = rawQuery
	date := e.now().UTC().Format(sdkDateFormat)
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set(headerSdkDate, date)
	signed := []string{"content-type", "host", "x-sdk-date"}
	sig := signature(testSK, date, canonicalRequest(r, signed, body))
	r.Header.Set("Authorization", signAlgorithm+" Access="+testAK+", SignedHeaders="+strings.Join(signed, ";")+", Signature="+sig)
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, r)
	return rec
}

// checkDLIAnswer asserts what every answer must be: never a 5xx (a panic
// turns into one), and a failure carries a DLI-style error body.
func checkDLIAnswer(t *testing.T, rec *httptest.ResponseRecorder, what string) {
	t.Helper()
	if rec.Code >= 500 {
		t.Fatalf("%s: HTTP %d %s", what, rec.Code, rec.Body)
	}
	if rec.Code < 400 {
		return
	}
	var body struct {
		Code string `json:"error_code"`
		Msg  string `json:"error_msg"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Code == "" || body.Msg == "" {
		t.Fatalf("%s: HTTP %d without a DLI error body: %s", what, rec.Code, rec.Body)
	}
}

func FuzzRequestDecoding(f *testing.F) {
	f.Add(uint8(0), "", []byte(`{"elastic_resource_pool_name":"p1","min_cu":64,"max_cu":64}`))
	f.Add(uint8(0), "", []byte(`{"elastic_resource_pool_name":"p1","min_cu":"64","max_cu":64,"charging_mode":"x"}`))
	f.Add(uint8(1), "", []byte(`{"max_cu":1e400}`))
	f.Add(uint8(4), "", []byte(`{"queue_name":"q","cu_count":16,"labels":{"a":1}}`))
	f.Add(uint8(5), "", []byte(`{"action":"scale_out","cu_count":-16}`))
	f.Add(uint8(6), "", []byte(`[{"key":"computeEngine.maxInstance","value":1}]`))
	f.Add(uint8(9), "", []byte(`{"name":"c","dest_vpc_id":"v","dest_network_id":"s","hosts":[{"name":"h","ip":"::1"}],"elastic_resource_pools":"fz_pool"}`))
	f.Add(uint8(11), "", []byte(`{"elastic_resource_pools":[null],"queues":[1]}`))
	f.Add(uint8(13), "", []byte(`{"name":"r","cidr":"10.0.0.0/8"}`))
	f.Add(uint8(14), "limit=-1&offset=99999999999999999999", []byte(nil))
	f.Add(uint8(15), "queue_type=%zz&tags=a=b,,=", []byte(nil))
	f.Add(uint8(3), "", []byte("\xff\xfe{\x00"))

	e, conn := fuzzEmulator(f)
	f.Fuzz(func(t *testing.T, which uint8, rawQuery string, body []byte) {
		ep := fuzzEndpoints[int(which)%len(fuzzEndpoints)]
		path := strings.NewReplacer("{pid}", e.ProjectID(), "{conn}", conn).Replace(ep.path)
		if _, err := url.ParseQuery(rawQuery); err != nil {
			rawQuery = url.QueryEscape(rawQuery)
		}
		rec := serveSigned(t, e, ep.method, path, rawQuery, body)
		checkDLIAnswer(t, rec, ep.method+" "+ep.path)
		if len(body) > maxBodyBytes && rec.Code != http.StatusBadRequest {
			t.Fatalf("an oversized body got HTTP %d", rec.Code)
		}
	})
}

// FuzzSignatureVerification signs a request with the official SDK signer and
// checks that the emulator accepts exactly that request and rejects it once
// any signed part (body, path, query, date, signature, access key) is changed.
func FuzzSignatureVerification(f *testing.F) {
	f.Add("GET", "q1", "", "", uint8(0), uint8(0))
	f.Add("POST", "q1", "", `{"queue_name":"q1","cu_count":16}`, uint8(1), uint8(3))
	f.Add("PUT", "Queue With Space", "name=a b&limit=10", `{"a":"é"}`, uint8(2), uint8(0))
	f.Add("DELETE", "q~1.x_y-z", "tags=k=v,k2=v2", "", uint8(3), uint8(7))
	f.Add("GET", "q1", "offset=1&offset=0", "", uint8(4), uint8(1))
	f.Add("POST", "%2F", "", "{}", uint8(5), uint8(9))
	f.Add("GET", "q1", "", "", uint8(6), uint8(0))

	e, err := New(Config{AccessKey: testAK, SecretKey: testSK})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, method, segment, rawQuery, body string, tamper, at uint8) {
		switch method {
		case "GET", "POST", "PUT", "DELETE":
		default:
			method = "GET"
		}
		if segment == "" || strings.ContainsAny(segment, "/?#%") || !isPrintable(segment) {
			segment = "q1"
		}
		q, err := url.ParseQuery(rawQuery)
		if err != nil || !isPrintable(rawQuery) {
			q = url.Values{}
		}
		b := request.NewHttpRequestBuilder().WithEndpoint("http://127.0.0.1:1").
			WithPath("/v1.0/"+e.ProjectID()+"/queues/"+url.PathEscape(segment)).WithMethod(method).
			AddHeaderParam("Content-Type", "application/json;charset=UTF-8")
		for k, vs := range q {
			if k == "" || len(vs) == 0 {
				continue
			}
			b.AddQueryParam(k, reflect.ValueOf(vs[0]))
		}
		if body != "" {
			b.WithBody("application/json", body)
		}
		req := b.Build()
		headers, err := signer.Sign(req, testAK, testSK)
		if err != nil {
			t.Skip("the SDK cannot sign this request")
		}
		for k, v := range headers {
			req.AddHeaderParam(k, v)
		}
		hr, err := req.ConvertRequest()
		if err != nil {
			t.Skip("the SDK cannot build this request")
		}
		raw := []byte(body)
		if hr.Body != nil {
			var buf bytes.Buffer
			_, _ = buf.ReadFrom(hr.Body)
			raw = buf.Bytes()
		}
		if aerr := e.authenticate(hr, raw); aerr != nil {
			t.Fatalf("a request signed by the SDK was rejected: %s (method %s path %q query %q)", aerr.msg, method, hr.URL.EscapedPath(), hr.URL.RawQuery)
		}

		// Change one signed part: the request must no longer verify.
		mutated := true
		switch tamper % 7 {
		case 0:
			return // the untouched request: accepted above
		case 1:
			if len(raw) == 0 {
				raw = []byte("x")
			} else {
				i := int(at) % len(raw)
				raw = append(append(append([]byte(nil), raw[:i]...), raw[i]^0x01), raw[i+1:]...)
			}
		case 2:
			hr.URL.Path += "x"
			hr.URL.RawPath = ""
		case 3:
			hr.URL.RawQuery += "&extra=1"
		case 4:
			d, _ := time.Parse(sdkDateFormat, hr.Header.Get(headerSdkDate))
			hr.Header.Set(headerSdkDate, d.Add(time.Second).Format(sdkDateFormat))
		case 5:
			authz := hr.Header.Get("Authorization")
			i := strings.LastIndex(authz, "=") + 1 + int(at)%64
			if i >= len(authz) {
				i = len(authz) - 1
			}
			flip := byte('0')
			if authz[i] == '0' {
				flip = '1'
			}
			hr.Header.Set("Authorization", authz[:i]+string(flip)+authz[i+1:])
		case 6:
			// Another access key with the same signature.
			hr.Header.Set("Authorization", strings.Replace(hr.Header.Get("Authorization"), "Access="+testAK, "Access="+testAK+"X", 1))
		default:
			mutated = false
		}
		if aerr := e.authenticate(hr, raw); mutated && aerr == nil {
			t.Fatalf("tampering %d was not detected (method %s path %q query %q)", tamper%7, method, hr.URL.Path, hr.URL.RawQuery)
		}
	})
}

func isPrintable(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == 0xfffd {
			return false
		}
	}
	return true
}
