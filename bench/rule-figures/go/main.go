package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
	"time"
)

type status struct {
	Host string    `json:"host"`
	Time time.Time `json:"time"`
}

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		h, _ := os.Hostname()
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(status{Host: h, Time: time.Now()})
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
