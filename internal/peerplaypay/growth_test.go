package peerplaypay_test

import (
	"bytes"
	"strings"
	"testing"

	"peerplaypay/internal/peerplaypay"
)

func TestDefaultFramework(t *testing.T) {
	f := peerplaypay.DefaultFramework()
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	behaviours := 0
	for _, g := range f.Groups {
		if len(g.Items) < 3 || len(g.Items) > 4 {
			t.Errorf("group %s has %d items", g.ID, len(g.Items))
		}
		for _, it := range g.Items {
			if it.Behaviour {
				behaviours++
			}
		}
	}
	if len(f.Groups) != 6 || behaviours != 4 {
		t.Errorf("%d groups, %d behaviours", len(f.Groups), behaviours)
	}
	// What is exported reads back the same.
	var buf bytes.Buffer
	if err := peerplaypay.EncodeFramework(&buf, f); err != nil {
		t.Fatal(err)
	}
	g, err := peerplaypay.ParseFramework(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if g.Name != f.Name || len(g.Groups) != len(f.Groups) || g.Item("values.helping") == nil {
		t.Errorf("round trip lost parts: %+v", g)
	}
}

func TestParseFrameworkErrors(t *testing.T) {
	const good = `{
  "format": "peerplaypay-framework/1",
  "name": "Ours",
  "groups": [
    {
      "id": "craft",
      "name": "Craft",
      "items": [
        {
          "id": "craft.a",
          "name": "A",
          "levels": ["1", "2", "3", "4", "5"]
        },
        {
          "id": "craft.b",
          "name": "B",
          "levels": ["1", "2", "3", "4", "5"]
        }
      ]
    }
  ]
}`
	if _, err := peerplaypay.ParseFramework([]byte(good)); err != nil {
		t.Fatalf("good file: %v", err)
	}
	for _, c := range []struct {
		name, old, new, want string
	}{
		{"Syntax", `"name": "Ours",`, `"name": "Ours"`, "line 4: the JSON is not well formed"},
		{"WrongType", `"name": "Ours"`, `"name": ["Ours"]`, "line 3: the field name must be text in quotes, not a JSON array"},
		{"LevelsNotAList", `"levels": ["1", "2", "3", "4", "5"]
        },
        {
          "id": "craft.b"`, `"levels": 5
        },
        {
          "id": "craft.b"`, "line 12: the field groups.items.levels must be a list, not a JSON number"},
		{"DuplicateID", `"id": "craft.b"`, `"id": "craft.a"`, `line 15: the item id "craft.a" is used twice`},
		{"FourLevels", `"id": "craft.b",
          "name": "B",
          "levels": ["1", "2", "3", "4", "5"]`, `"id": "craft.b",
          "name": "B",
          "levels": ["1", "2", "3", "4"]`, `line 17: the item "craft.b" has 4 level lines; it needs exactly 5`},
		{"EmptyName", `"name": "B"`, `"name": " "`, `line 16: the item "craft.b" needs a name`},
		{"NoName", `"name": "B",`, ``, `line 14: the item "craft.b" needs a name`},
		{"Unknown", `"name": "B"`, `"title": "B"`, `line 16: unknown field "title"`},
		{"Truncated", "  ]\n}", "  ]", "line 21: the file ends too early"},
		{"EmptyLevel", `"levels": ["1", "2", "3", "4", "5"]
        }
      ]`, `"levels": ["1", "2", "", "4", "5"]
        }
      ]`, `line 17: level 3 of the item "craft.b" is empty`},
	} {
		t.Run(c.name, func(t *testing.T) {
			bad := strings.Replace(good, c.old, c.new, 1)
			if bad == good {
				t.Fatal("the case changed nothing")
			}
			_, err := peerplaypay.ParseFramework([]byte(bad))
			if peerplaypay.ErrorCode(err) != peerplaypay.EINVALID || !strings.HasPrefix(peerplaypay.ErrorMessage(err), c.want) {
				t.Fatalf("err = %v; want %q", err, c.want)
			}
		})
	}
}
