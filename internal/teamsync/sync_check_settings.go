package teamsync

import (
	"encoding/json"
	"fmt"
	"time"

	"peerplaypay/internal/peerplaypay"
)

// checkSettingsEvent applies to a peer's team.settings event the rules our
// writer keeps (PROTOCOL.md §11.11): every value within its limits, a
// well-formed name for a key this app does not know. The event's time
// decides which of two concurrent changes of a key wins, so one dated
// ahead of this reader's clock would win over every later change until
// that time: it is held, as a Thanks is, and applied once its time has
// come. An event whose data does not parse at all is kept and not applied
// (§11.3).
func checkSettingsEvent(e peerplaypay.ShareEvent, now time.Time) (why string, hold bool) {
	if e.Kind != peerplaypay.EventTeamSettings || e.V != 1 {
		return "", false
	}
	var d peerplaypay.TeamSettingsData
	if json.Unmarshal(e.Data, &d) != nil {
		return "", false
	}
	if why := peerplaypay.CheckTeamSettingsData(d); why != "" {
		return "its change of the team settings is refused: " + why, false
	}
	if e.At.After(now.Add(peerplaypay.ClockSkew)) {
		return fmt.Sprintf("its change of the team settings is dated %s, ahead of this laptop's clock (%s)", e.At.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339)), true
	}
	return "", false
}
