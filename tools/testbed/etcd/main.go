// Command etcd is the etcd server of the test bed, built from go.etcd.io/etcd/server/v3 at the version
// tools/testbed/versions.env names, as etcd's own main package starts it.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
