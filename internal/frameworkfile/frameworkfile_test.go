package frameworkfile_test

import (
	"bytes"
	"strings"
	"testing"

	"peerplaypay/internal/frameworkfile"
	"peerplaypay/internal/peerplaypay"
)

const good = `format: peerplaypay-framework/1
name: Ours
groups:
  - id: craft
    name: Craft
    items:
      - id: craft.a
        name: A
        levels: ["1", "2", "3", "4", "5"]
      - id: craft.b
        name: B
        behaviour: true
        levels:
          - one
          - two
          - three
          - four
          - five
`

func TestYAML(t *testing.T) {
	f, err := frameworkfile.Parse("f.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "Ours" || !f.Item("craft.b").Behaviour || f.Item("craft.b").Levels[4] != "five" {
		t.Fatalf("parsed %+v", f)
	}
	// The default framework goes out and back in YAML unchanged.
	var buf bytes.Buffer
	def := peerplaypay.DefaultFramework()
	if err := frameworkfile.Encode("x.yml", &buf, def); err != nil {
		t.Fatal(err)
	}
	back, err := frameworkfile.Parse("x.yml", buf.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if back.Item("values.helping") == nil || back.Item("values.helping").Levels[2] != def.Item("values.helping").Levels[2] {
		t.Errorf("YAML round trip lost text")
	}

	for _, c := range []struct{ name, old, new, want string }{
		{"Syntax", "    name: Craft\n", "    name: [Craft\n", "line 5: the YAML is not well formed"},
		{"WrongType", "behaviour: true", "behaviour: maybe", "line 12: \"maybe\" (a str) does not fit here: want true or false"},
		{"Unknown", "        name: B\n", "        title: B\n", `line 11: unknown field "title"`},
		{"Duplicate", "id: craft.b", "id: craft.a", `line 10: the item id "craft.a" is used twice`},
		{"FourLevels", "          - five\n", "", `line 13: the item "craft.b" has 4 level lines`},
		{"EmptyLevel", `"3"`, `""`, `line 9: level 3 of the item "craft.a" is empty`},
		{"NoName", "        name: A\n", "", `line 7: the item "craft.a" needs a name`},
		{"Empty", good, "", "line 1: the file is empty"},
	} {
		bad := strings.Replace(good, c.old, c.new, 1)
		if bad == good {
			t.Fatalf("%s: the case changed nothing", c.name)
		}
		_, err := frameworkfile.Parse("f.yaml", []byte(bad))
		if peerplaypay.ErrorCode(err) != peerplaypay.EINVALID || !strings.HasPrefix(peerplaypay.ErrorMessage(err), c.want) {
			t.Errorf("%s: %v; want %q", c.name, err, c.want)
		}
	}
}
