package sharetest

import (
	"os/exec"
	"syscall"
)

// setParentDeathSignal kills the server with the test binary, even when
// the binary itself is killed and never reaches TestMain's Stop.
func setParentDeathSignal(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
