package scenarios_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/provider"
)

// badInput is one invalid configuration: the attribute its error must name
// and the rule it must state.
type badInput struct {
	what, config, attr, rule string
}

// TestAccScenario_badInputRefusedAtPlan: invalid configurations of the three
// resources and of the provider block fail at plan time, naming the attribute
// and the rule, before any request reaches the API.
func TestAccScenario_badInputRefusedAtPlan(t *testing.T) {
	// Provider settings must come from the block alone.
	for _, v := range []string{provider.EnvRegion, provider.EnvAccessKey, provider.EnvSecretKey, provider.EnvEndpoint,
		provider.EnvIAMEndpoint, provider.EnvMaxRetries, provider.EnvInsecure} {
		t.Setenv(v, "")
	}
	env := emulatorEnv(t)
	pool := func(name string, minCU, maxCU int, extra string) string {
		return env.Config(fmt.Sprintf("resource \"dli_elastic_resource_pool\" \"p\" {\n  name = %q\n  min_cu = %d\n  max_cu = %d\n%s\n}\n",
			name, minCU, maxCU, extra))
	}
	poolOK := "resource \"dli_elastic_resource_pool\" \"p\" {\n  name = \"sc_bad_pool\"\n  min_cu = 64\n  max_cu = 64\n}\n"
	queue := func(name string, cu int, extra string) string {
		return env.Config(poolOK, fmt.Sprintf("resource \"dli_queue\" \"q\" {\n  name = %q\n  elastic_resource_pool_name = dli_elastic_resource_pool.p.name\n  cu_count = %d\n%s\n}\n",
			name, cu, extra))
	}
	conn := func(name, extra string) string {
		return env.Config(fmt.Sprintf("resource \"dli_enhanced_connection\" \"c\" {\n  name = %q\n  vpc_id = %q\n  subnet_id = %q\n%s\n}\n",
			name, vpcID, subnetID, extra))
	}
	// providerWith replaces one line of the provider block (or drops it when
	// with is ""), keeping a resource so that Terraform configures the provider.
	providerWith := func(setting, with string) string {
		var lines []string
		for _, l := range strings.Split(env.ProviderBlock(), "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), setting+" ") {
				if with != "" {
					lines = append(lines, "  "+with)
				}
				continue
			}
			lines = append(lines, l)
		}
		return strings.Join(lines, "\n") + "\n" + poolOK
	}
	addSetting := func(setting string) string {
		return strings.Replace(env.ProviderBlock(), "provider \"dli\" {", "provider \"dli\" {\n  "+setting, 1) + "\n" + poolOK
	}

	cases := []badInput{
		{"pool name leading underscore", pool("_p", 64, 64, ""), "name", "must not start with an underscore"},
		{"pool name digits", pool("12345", 64, 64, ""), "name", "must not consist of digits only"},
		{"pool name dash", pool("bad-name", 64, 64, ""), "name", "only letters, digits and underscores"},
		{"pool name too long", pool(strings.Repeat("a", 129), 64, 64, ""), "name", "length must be between 1 and 128"},
		{"pool min above max", pool("sc_p", 128, 64, ""), "min_cu", "must not be greater than max_cu"},
		{"pool max not step", pool("sc_p", 64, 70, ""), "max_cu", "use a positive multiple of 16"},
		{"pool min below edition", pool("sc_p", 48, 64, ""), "min_cu", "a standard-edition pool takes 64 to 32000"},
		{"pool max above edition", pool("sc_p", 64, 32016, ""), "max_cu", "a standard-edition pool takes 64 to 32000"},
		{"basic pool too big", pool("sc_p", 16, 128, `  label = { spec = "basic" }`), "max_cu", "a basic-edition pool takes 16 to 64"},
		{"pool cidr prefix", pool("sc_p", 64, 64, `  cidr_in_vpc = "172.16.0.0/33"`), "cidr_in_vpc", "is not in CIDR notation"},
		{"pool cidr host bits", pool("sc_p", 64, 64, `  cidr_in_vpc = "172.16.0.1/12"`), "cidr_in_vpc", "has host bits set"},
		{"pool cidr ipv6", pool("sc_p", 64, 64, `  cidr_in_vpc = "fd00::/8"`), "cidr_in_vpc", "is not an IPv4 network"},

		{"queue name underscore", queue("_q", 16, ""), "name", "must not start with an underscore"},
		{"queue name digits", queue("12345", 16, ""), "name", "must not consist of digits only"},
		{"queue name dash", queue("bad-q", 16, ""), "name", "letters, digits and underscores"},
		{"queue cu step", queue("sc_q", 20, ""), "cu_count", "multiple of 16"},
		{"queue cu zero", queue("sc_q", 0, ""), "cu_count", "between 16 and 32000"},
		{"standalone queue cu", env.Config("resource \"dli_queue\" \"q\" {\n  name = \"sc_q\"\n  cu_count = 32\n}\n"), "cu_count", "16, 64 or 256"},
		{"queue type", queue("sc_q", 16, `  queue_type = "spark"`), "queue_type", "value must be one of"},
		{"queue platform", queue("sc_q", 16, `  platform = "arm"`), "platform", "value must be one of"},
		{"queue feature", queue("sc_q", 16, `  feature = "pro"`), "feature", "value must be one of"},
		{"queue engine", queue("sc_q", 16, `  engine = "flink"`), "engine", "value must be one of"},
		{"queue resource mode", queue("sc_q", 16, `  resource_mode = 2`), "resource_mode", "value must be one of"},
		{"general queue engine", queue("sc_q", 16, "  queue_type = \"general\"\n  engine = \"hetuEngine\""), "engine", "Engine Not Allowed For A General Queue"},
		{"general queue ai", queue("sc_q", 16, "  queue_type = \"general\"\n  feature = \"ai\""), "feature", "AI Feature Needs A SQL Queue"},
		{"ai queue on arm", queue("sc_q", 16, "  feature = \"ai\"\n  platform = \"aarch64\""), "platform", "AI Feature Needs x86_64"},

		{"host ip", conn("sc_c", `  hosts = [{ name = "ecs-1", ip = "192.168.0.300" }]`), "hosts", "is not an IPv4 address"},
		{"host ipv6", conn("sc_c", `  hosts = [{ name = "ecs-1", ip = "fd00::1" }]`), "hosts", "Invalid IPv4 Address"},
		{"host twice", conn("sc_c", "  hosts = [\n    { name = \"ecs-1\", ip = \"192.168.0.1\" },\n    { name = \"ecs-1\", ip = \"192.168.0.2\" },\n  ]"), "hosts", "appears more than once"},
		{"host name", conn("sc_c", `  hosts = [{ name = "1ecs", ip = "192.168.0.1" }]`), "hosts", "must start with a letter"},
		{"route cidr", conn("sc_c", `  routes = [{ name = "r1", cidr = "10.0.0.0/33" }]`), "routes", "is not an IPv4 CIDR block"},
		{"route host bits", conn("sc_c", `  routes = [{ name = "r1", cidr = "10.0.0.1/16" }]`), "routes", "has host bits set"},
		{"route twice", conn("sc_c", "  routes = [\n    { name = \"r1\", cidr = \"10.0.0.0/16\" },\n    { name = \"r1\", cidr = \"10.1.0.0/16\" },\n  ]"), "routes", "appears more than once"},
		{"route name", conn("sc_c", `  routes = [{ name = "to/db", cidr = "10.0.0.0/16" }]`), "routes", "cannot carry '/', '?', '#', '%' or control characters"},
		{"connection name dash", conn("bad-name", ""), "name", "may contain only letters, digits and underscores"},
		{"connection name long", conn(strings.Repeat("c", 65), ""), "name", "string length must be between 1 and 64"},
		{"connection default queue", conn("sc_c", `  queues = ["default"]`), "queues", `value must be none of: ["default"]`},

		{"endpoint http remote", providerWith("endpoint", `endpoint = "http://10.1.2.3"`), "endpoint", "plain http is only accepted for loopback addresses"},
		{"endpoint scheme", providerWith("endpoint", `endpoint = "ftp://127.0.0.1"`), "endpoint", "the scheme must be https"},
		{"endpoint relative", providerWith("endpoint", `endpoint = "dli.example"`), "endpoint", "it must be an absolute URL"},
		{"iam endpoint http remote", providerWith("iam_endpoint", `iam_endpoint = "http://iam.example.com"`), "iam_endpoint", "plain http is only accepted for loopback addresses"},
		{"max retries negative", addSetting("max_retries = -1"), "max_retries", "value must be between 0 and 100"},
		{"max retries huge", addSetting("max_retries = 1000"), "max_retries", "value must be between 0 and 100"},
		{"no region", providerWith("region", ""), "region", "The provider needs a region"},
		{"no access key", providerWith("access_key", ""), "access_key", "secret_key is set but access_key is not"},
		{"no secret key", providerWith("secret_key", ""), "secret_key", "access_key is set but secret_key is not"},
	}
	if len(cases) < 30 {
		t.Fatalf("only %d invalid configurations", len(cases))
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, c := range cases {
		attr, rule := acctest.WordsPattern(c.attr), acctest.WordsPattern(c.rule)
		steps = append(steps, resource.TestStep{
			Config:      c.config,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)(` + attr + `.*` + rule + `|` + rule + `.*` + attr + `)`),
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps:                    steps,
	})
	if reqs := env.Emulator.Requests(); len(reqs) > 0 {
		t.Errorf("%d invalid configurations reached the API, first: %s %s", len(reqs), reqs[0].Method, reqs[0].Path)
	}
	t.Logf("%d invalid configurations refused at plan time with no API call", len(cases))
}
