// Command yaml-oracle reads Kubernetes manifest files the way kubectl reads
// them (cli-runtime's FileVisitor feeding apimachinery's YAMLOrJSONDecoder)
// and prints, for every document, the JSON kubectl would hand on to the API
// machinery, or the error it would report.
//
// It exists so that blastwall's own YAML reading can be compared against the
// real Go libraries (sigs.k8s.io/yaml on top of gopkg.in/yaml.v2).
//
// Usage:
//
//	yaml-oracle FILE...
//	find corpus -name '*.yaml' | yaml-oracle -
//
// An argument "-" means: read a newline-separated list of file paths from
// standard input. Output is one JSON object per line, see README.md.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"

	textunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
	"sigs.k8s.io/yaml"
)

// sniffSize is how far into the stream kubectl looks for a leading '{'
// (resource.StreamVisitor builds its decoder with a 4096 byte buffer).
const sniffSize = 4096

// record is one output line.
type record struct {
	File      string          `json:"file"`
	Index     int             `json:"index"`
	FirstLine int             `json:"first_line"`
	JSON      json.RawMessage `json:"json,omitempty"`
	Error     *string         `json:"error,omitempty"`
}

type emitter struct {
	enc  *json.Encoder
	file string
	next int
	err  error
}

func (e *emitter) value(firstLine int, raw []byte) {
	e.write(record{File: e.file, Index: e.next, FirstLine: firstLine, JSON: raw})
	e.next++
}

func (e *emitter) fail(firstLine int, msg string) {
	e.write(record{File: e.file, Index: e.next, FirstLine: firstLine, Error: &msg})
	e.next++
}

func (e *emitter) write(r record) {
	if e.err != nil {
		return
	}
	e.err = e.enc.Encode(r)
}

func main() {
	args := os.Args[1:]
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: yaml-oracle FILE... (use - to read a list of paths from stdin)")
		os.Exit(2)
	}

	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	enc := json.NewEncoder(out)
	// Keep the bytes produced by YAMLToJSON exactly as they are; the
	// library has already applied its own escaping.
	enc.SetEscapeHTML(false)

	var failed error
	run := func(path string) {
		if failed != nil {
			return
		}
		failed = processFile(enc, path)
	}

	for _, arg := range args {
		if arg != "-" {
			run(arg)
			continue
		}
		sc := bufio.NewScanner(os.Stdin)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for sc.Scan() {
			p := strings.TrimRight(sc.Text(), "\r")
			if p == "" {
				continue
			}
			run(p)
		}
		if err := sc.Err(); err != nil {
			fmt.Fprintln(os.Stderr, "yaml-oracle: reading path list:", err)
			os.Exit(1)
		}
	}

	if err := out.Flush(); err != nil && failed == nil {
		failed = err
	}
	if failed != nil {
		fmt.Fprintln(os.Stderr, "yaml-oracle: writing output:", failed)
		os.Exit(1)
	}
}

// processFile emits the records for one file. The returned error is an
// output error only; problems with the file itself become records.
func processFile(enc *json.Encoder, path string) error {
	e := &emitter{enc: enc, file: path}
	data, err := readLikeKubectl(path)
	if err != nil {
		e.write(record{File: path, Index: -1, FirstLine: 0, Error: strPtr(err.Error())})
		return e.err
	}
	if looksLikeJSON(data) {
		jsonStream(e, data)
	} else {
		yamlStream(e, data)
	}
	return e.err
}

func strPtr(s string) *string { return &s }

// readLikeKubectl returns the file contents after the same byte-order-mark
// handling kubectl applies: a UTF-8 BOM is dropped, a UTF-16 (LE or BE) BOM
// switches to UTF-16 decoding, and otherwise the bytes are read as UTF-8 with
// ill-formed sequences replaced by U+FFFD.
func readLikeKubectl(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := textunicode.BOMOverride(textunicode.UTF8.NewDecoder())
	return io.ReadAll(transform.NewReader(f, dec))
}

// looksLikeJSON reports whether the first non-space character within the
// sniff window is '{'. Spaces are Unicode white space, as in apimachinery.
func looksLikeJSON(data []byte) bool {
	window := data
	if len(window) > sniffSize {
		window = window[:sniffSize]
	}
	rest := bytes.TrimLeftFunc(window, unicode.IsSpace)
	return len(rest) > 0 && rest[0] == '{'
}

// lineAt returns the 1-based line number of byte offset off.
func lineAt(data []byte, off int) int {
	if off > len(data) {
		off = len(data)
	}
	return 1 + bytes.Count(data[:off], []byte{'\n'})
}

// skipJSONSpace returns the offset of the first non-JSON-whitespace byte at or
// after off.
func skipJSONSpace(data []byte, off int) int {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\n', '\r':
			off++
		default:
			return off
		}
	}
	return off
}

// jsonStream decodes a stream of concatenated JSON values. kubectl stops at
// the first error; so do we, since the decoder cannot resynchronise.
func jsonStream(e *emitter, data []byte) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	for {
		start := skipJSONSpace(data, int(dec.InputOffset()))
		var v interface{}
		err := dec.Decode(&v)
		if err == io.EOF {
			return
		}
		if err != nil {
			e.fail(lineAt(data, start), err.Error())
			return
		}
		raw, err := json.Marshal(v)
		if err != nil {
			e.fail(lineAt(data, start), err.Error())
			return
		}
		e.value(lineAt(data, start), raw)
	}
}

// yamlStream splits the stream into documents the way apimachinery's
// YAMLReader does and converts each one with sigs.k8s.io/yaml.
//
// Splitting rules:
//   - lines end at "\n"; a "\r" right before that "\n" is dropped, and every
//     line (the last one too) is given a "\n";
//   - a line beginning with "---" is a separator; what follows "---", after
//     trimming white space, must be empty or start with '#';
//   - text between separators is a document if it is not empty, even when it
//     only holds comments or blank lines.
//
// On an invalid separator kubectl reports an error and stops reading the
// file. Here the text gathered since the previous separator is dropped, one
// error record takes its place, and reading goes on after the bad line.
func yamlStream(e *emitter, data []byte) {
	var (
		buf     []byte // current document; every line in it ends in "\n"
		bufLine int    // line number of the first line in buf
		lineNo  int
	)
	flush := func() {
		if len(buf) > 0 {
			convert(e, bufLine, buf)
		}
		buf = buf[:0]
	}

	pos := 0
	for pos < len(data) {
		lineNo++
		var line []byte
		nl := bytes.IndexByte(data[pos:], '\n')
		if nl < 0 {
			line = data[pos:]
			pos = len(data)
		} else {
			line = data[pos : pos+nl]
			pos += nl + 1
			if n := len(line); n > 0 && line[n-1] == '\r' {
				line = line[:n-1]
			}
		}

		if bytes.HasPrefix(line, []byte("---")) {
			rest := strings.TrimSpace(string(line[3:]))
			if rest != "" && rest[0] != '#' {
				at := lineNo
				if len(buf) > 0 {
					at = bufLine
				}
				e.fail(at, "invalid Yaml document separator: "+rest)
				buf = buf[:0]
				continue
			}
			flush()
			continue
		}

		if len(buf) == 0 {
			bufLine = lineNo
		}
		buf = append(buf, line...)
		buf = append(buf, '\n')
	}
	flush()
}

// convert turns one document into JSON with the same library call kubectl
// ends up making (yaml.Unmarshal into a runtime.RawExtension goes through
// YAMLToJSON with no type hints, then stores the bytes unchanged).
func convert(e *emitter, firstLine int, doc []byte) {
	j, err := yaml.YAMLToJSON(doc)
	if err != nil {
		e.fail(firstLine, "error converting YAML to JSON: "+err.Error())
		return
	}
	e.value(firstLine, j)
}
