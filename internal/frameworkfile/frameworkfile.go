// Package frameworkfile reads and writes skills framework files, JSON or
// YAML by the file's extension, with the line of the first fault of a bad
// file (see internal/peerplaypay/FRAMEWORK.md).
package frameworkfile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"peerplaypay/internal/peerplaypay"
)

// IsYAML reports whether name is a YAML file by its extension.
func IsYAML(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml":
		return true
	}
	return false
}

// Parse reads a framework file named name (its extension picks the format).
func Parse(name string, data []byte) (*peerplaypay.Framework, error) {
	if IsYAML(name) {
		return parseYAML(data)
	}
	return peerplaypay.ParseFramework(data)
}

// Encode writes f in the format of name's extension.
func Encode(name string, w io.Writer, f *peerplaypay.Framework) error {
	if !IsYAML(name) {
		return peerplaypay.EncodeFramework(w, f)
	}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(peerplaypay.FrameworkFile{Format: peerplaypay.FrameworkFormat, Name: f.Name, Groups: f.Groups}); err != nil {
		return err
	}
	return enc.Close()
}

// Import reads the framework file at path and saves it as the next version
// of the current framework; a bad file changes nothing.
func Import(ctx context.Context, s peerplaypay.GrowthService, path string) (*peerplaypay.Framework, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, peerplaypay.Errorf(peerplaypay.EINVALID, "The file %s cannot be read (%v).", path, err)
	}
	f, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	return s.SaveFramework(ctx, f)
}

// Export writes the current framework to path, replacing it.
func Export(ctx context.Context, s peerplaypay.GrowthService, path string) error {
	f, err := s.Framework(ctx)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := Encode(path, &buf, f); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err == nil {
		if err = os.Rename(tmp, path); err == nil {
			return nil
		}
		os.Remove(tmp)
	}
	return peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "The framework cannot be written to %s; check that its folder exists and is writable, or choose another place.", path)
}

var (
	lineRE    = regexp.MustCompile(`line (\d+): (.*)`)
	unknownRE = regexp.MustCompile(`^field (\S+) not found in type`)
	typeRE    = regexp.MustCompile("^cannot unmarshal !!(\\w+) `(.*)` into (.*)$")
)

// yamlError turns a YAML library message into "line N: reason".
func yamlError(msg string) error {
	m := lineRE.FindStringSubmatch(msg)
	if m == nil {
		return peerplaypay.FrameworkFileError(1, "the YAML is not well formed ("+strings.TrimPrefix(msg, "yaml: ")+")")
	}
	n, _ := strconv.Atoi(m[1])
	reason := m[2]
	// The library counts the lines of these parser errors from 0: its
	// line is the one before the unclosed bracket.
	if strings.HasPrefix(reason, "did not find expected") {
		n++
	}
	if f := unknownRE.FindStringSubmatch(reason); f != nil {
		reason = fmt.Sprintf("unknown field %q (a framework file has format, name and groups; a group id, name and items; an item id, name, description, levels and behaviour)", f[1])
	} else if t := typeRE.FindStringSubmatch(reason); t != nil {
		reason = fmt.Sprintf("%q (a %s) does not fit here: want %s", t[2], t[1], kind(t[3]))
	} else {
		reason = "the YAML is not well formed (" + reason + ")"
	}
	return peerplaypay.FrameworkFileError(n, reason)
}

func kind(goType string) string {
	switch {
	case goType == "bool":
		return "true or false"
	case goType == "string":
		return "text"
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	}
	return "a mapping"
}

func parseYAML(data []byte) (*peerplaypay.Framework, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlError(err.Error())
	}
	if len(root.Content) == 0 {
		return nil, peerplaypay.FrameworkFileError(1, "the file is empty")
	}
	var file peerplaypay.FrameworkFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&file); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			return nil, yamlError(te.Errors[0])
		}
		return nil, yamlError(err.Error())
	}
	lines := map[string]int{}
	walk(root.Content[0], "", lines)
	if file.Format != "" && file.Format != peerplaypay.FrameworkFormat {
		return nil, peerplaypay.FrameworkFileError(lines["format"], fmt.Sprintf("the format %q is not one this version reads (%q)", file.Format, peerplaypay.FrameworkFormat))
	}
	f := &peerplaypay.Framework{Name: file.Name, Groups: file.Groups}
	if path, reason, bad := f.Problem(); bad {
		for {
			if _, ok := lines[path]; ok || path == "" {
				break
			}
			if i := strings.LastIndexAny(path, ".["); i >= 0 {
				path = path[:i]
			} else {
				path = ""
			}
		}
		return nil, peerplaypay.FrameworkFileError(max(lines[path], 1), reason)
	}
	return f, nil
}

// walk maps each path of the document ("groups[0].items[2].id") to its line.
func walk(n *yaml.Node, path string, lines map[string]int) {
	lines[path] = n.Line
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			child := n.Content[i].Value
			if path != "" {
				child = path + "." + child
			}
			walk(n.Content[i+1], child, lines)
			// The key's line: a missing value shows there, not below.
			lines[child] = n.Content[i].Line
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			walk(c, fmt.Sprintf("%s[%d]", path, i), lines)
		}
	}
}
