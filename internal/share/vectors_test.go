package share

import (
	"encoding/hex"
	"testing"
)

// TestVectors pins the derivations PROTOCOL.md lists as test vectors, so
// that the document and the code cannot drift apart and a second
// implementation has something to check itself against.
func TestVectors(t *testing.T) {
	var seed [32]byte
	for i := range seed {
		seed[i] = byte(i)
	}
	id, err := identityFromSeed(seed)
	if err != nil {
		t.Fatal(err)
	}
	var team TeamID
	for i := range team {
		team[i] = byte(0xa0 + i)
	}
	var genesis Hash
	for i := range genesis {
		genesis[i] = byte(0x40 + i)
	}
	var epochSecret [32]byte
	for i := range epochSecret {
		epochSecret[i] = byte(0x80 + i)
	}
	k, err := epochKeyFromSecret(team, 1, epochSecret)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{
		"member ID":          id.MemberID().String(),
		"signing public key": hex.EncodeToString(id.Public().Signing),
		"age recipient":      id.Public().Recipient.String(),
		"epoch 1 recipient":  k.Recipient().String(),
		"blob name of 'abc'": k.blobName([]byte("abc")),
		"safety code":        safetyCode(team, genesis, id.Public(), safetyCodeCost),
		"printable line 1":   lineOne(id.PrintableKey(team)),
	}
	want := map[string]string{
		"member ID":          "6f91349f904ae5c41cbc571299e8e7d6",
		"signing public key": "9d198fb226c0532acefa5cb814c05d534d664123b7290a0a5aee681704d3f5a5",
		"age recipient":      "age1zjmky664085364m26c3nt95qdsmlsqkwgha4rshlynr52a6je3fqa20ces",
		"epoch 1 recipient":  "age1fylg9lr5ge99jf5gza3r6gznch4cutxy4xytflhp08kxkqgd2vwskusw5c",
		"blob name of 'abc'": "2337d90adcaeecf52d57a3d8f771c5b25f0490ce831ffdda8150ba3019f986a5",
		"safety code":        "6472 9761",
		"printable line 1":   "1: 0400 20G3 0G2G C1R8  S",
	}
	for name, v := range want {
		if got[name] != v {
			t.Errorf("%s = %s; PROTOCOL.md says %s", name, got[name], v)
		}
	}
}

func lineOne(printable string) string {
	for _, l := range keyLines(printable) {
		return l
	}
	return ""
}
