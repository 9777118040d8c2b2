// Command gendocs writes the man page and the shell completions that the
// Linux package installs, from the CLI's command tree.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"peerplaypay/internal/cli"
)

func main() {
	out := flag.String("out", "build/linux", "folder to write peerplaypay.1 and completions/ into")
	flag.Parse()
	for name, write := range cli.GeneratedFiles() {
		if err := writeFile(filepath.Join(*out, name), write); err != nil {
			fmt.Fprintf(os.Stderr, "gendocs: %v\n", err)
			os.Exit(1)
		}
	}
}

func writeFile(path string, write func(io.Writer) error) error {
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}
