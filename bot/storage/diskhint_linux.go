package storage

import "syscall"

// stReadOnly is ST_RDONLY of statfs(2).
const stReadOnly = 0x1

// fsHint reads the file system of dir: read-only, or no blocks left.
func fsHint(dir string) string {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return ""
	}
	if st.Flags&stReadOnly != 0 {
		return " (the file system of " + dir + " is read-only)"
	}
	if st.Bavail == 0 {
		return " (the disk holding " + dir + " is full)"
	}
	return ""
}
