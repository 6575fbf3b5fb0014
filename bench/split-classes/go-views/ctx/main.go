// Prints the template it reads from views/ relative to where it starts (fails when views/ is left behind),
// and uses the net package, which cgo links against the C library unless CGO_ENABLED=0.
package main

import (
	"fmt"
	"net"
	"os"
)

func main() {
	b, err := os.ReadFile("views/index.html")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	addrs, _ := net.LookupHost("localhost")
	fmt.Print(string(b))
	fmt.Println("localhost resolves:", len(addrs) > 0)
}
