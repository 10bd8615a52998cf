module weld.dev/components/format-go

go 1.24
