package main

import "fmt"

// Built in GOPATH mode: `go install` names the program after its directory (hello).
func main() { fmt.Println("hello from a GOPATH go install") }
