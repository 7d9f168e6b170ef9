// Package validate holds DLI's input rules as plan-time validators, written
// once for every resource: name rules, IPv4 addresses and CIDR blocks, CU
// steps and names that must be unique in a collection. A rule DLI applies to
// two kinds of object lives here, so that a fix reaches both.
package validate
