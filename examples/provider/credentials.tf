# Other ways to sign in; each provider block below is one choice. Without
# access_key and secret_key (or HW_ACCESS_KEY and HW_SECRET_KEY), the
# provider reads a KooCLI profile when shared_config_file or profile is set,
# and otherwise asks the ECS metadata service for the temporary keys of the
# server's agency.

# A profile of the KooCLI configuration file (~/.hcloud/config.json).
provider "dli" {
  alias              = "profile"
  region             = "cn-north-4"
  shared_config_file = "~/.hcloud/config.json"
  profile            = "ci"
}

# An agency of another account, assumed with whichever keys were found above;
# its temporary keys are renewed before they expire. Pools and queues created
# without their own enterprise_project_id go to the one given here.
provider "dli" {
  alias                 = "partner"
  region                = "cn-north-4"
  enterprise_project_id = "0"

  assume_role {
    agency_name = "dli_operator"
    domain_name = "partner-account"
    duration    = 3600
  }
}
