// Package tfkit holds the small pieces every dli resource and data source needs
// in the same form: getting the client from provider data, turning API errors
// into diagnostics, DLI name validators, tags and timestamps. Keeping them here
// keeps the three service packages about their own objects.
package tfkit
