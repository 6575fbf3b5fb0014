FROM golang:1.19 AS build
WORKDIR /src
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -ldflags "-s -w" -o /app .
FROM scratch
COPY --from=build /app /app
ENTRYPOINT ["/app"]
